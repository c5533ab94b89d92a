// The fake cloud upstream every peer in scripts/bench.sh proxies to: an OpenAI-compatible server on loopback that
// answers POST /v1/chat/completions at once with a fixed JSON body, or with a fixed SSE stream when the request
// says "stream": true, and GET /v1/models with a fixed list. One implementation for all peers, so the difference
// between a peer and the direct path is the peer's own cost. Prints "listening PORT" when ready.
import http from 'node:http';
import { parseArgs } from './stats.mjs';

const args = parseArgs(process.argv.slice(2), { port: 0 });
const created = 1700000000;
const json = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created, model: 'bench-upstream',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the fake upstream.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 6, total_tokens: 15 },
});
const chunk = content => `data: ${JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model: 'bench-upstream',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
})}\n\n`;
const sse = ['Hello', ' from', ' the', ' fake', ' upstream', '.'].map(chunk).join('') + 'data: [DONE]\n\n';
const models = JSON.stringify({ object: 'list', data: [{ id: 'bench-upstream', object: 'model', created, owned_by: 'bench' }] });

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(models) });
      res.end(models);
      return;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    if (/"stream"\s*:\s*true/.test(body)) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(sse);
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    }
  });
});
server.keepAliveTimeout = 120_000;
server.listen(+args.port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
