// One streamed OpenAI chat completion (POST /v1/chat/completions, SSE), timed on the client the same way for every
// server that speaks it (EdgeRouter and llama-server alike), so a grammar-constrained decode is measured through the
// surface a structured-output client uses: `response_format: {type: "json_schema", ...}`.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { median } from './stats.mjs';

const agents = new Map();
const agentFor = base => {
  if (!agents.has(base)) agents.set(base, new http.Agent({ keepAlive: true, maxSockets: 1 }));
  return agents.get(base);
};

/**
 * Greedy streamed chat completion of at most `maxTokens`. ttft = request start -> first delta with content;
 * decode tok/s = (completion tokens - 1) / (last content delta - first content delta), over the tokens actually
 * generated (a grammar may end the answer early: the count is reported with the rate). The token count comes from
 * the usage chunk (stream_options.include_usage) and falls back to the number of content deltas.
 */
export function chatStream(base, messages, maxTokens, { schema = null, timeoutMs = 180_000 } = {}) {
  const payload = {
    model: 'local', messages, stream: true, stream_options: { include_usage: true },
    temperature: 0, top_k: 1, seed: 1, max_tokens: maxTokens,
    ...(schema ? { response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } } } : {}),
  };
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let tFirst = 0;
    let tLast = 0;
    let deltas = 0;
    let text = '';
    let usage = null;
    let finish = null;
    let buffered = '';
    const gaps = [];
    const req = http.request(new URL('/v1/chat/completions', base), {
      method: 'POST', agent: agentFor(base),
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: timeoutMs,
    }, res => {
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        let err = '';
        res.on('data', d => { err += d; });
        res.on('end', () => reject(new Error(`POST /v1/chat/completions: HTTP ${res.statusCode}: ${err.slice(0, 500)}`)));
        return;
      }
      res.on('data', chunk => {
        const now = performance.now();
        buffered += chunk;
        let nl;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (!line.startsWith('data:')) continue;
          const data = line.slice(5).trim();
          if (data === '[DONE]') continue;
          const obj = JSON.parse(data);
          if (obj.error) { req.destroy(); reject(new Error(`stream error: ${JSON.stringify(obj.error).slice(0, 300)}`)); return; }
          if (obj.usage) usage = obj.usage;
          const choice = obj.choices?.[0];
          if (choice?.finish_reason) finish = choice.finish_reason;
          const content = choice?.delta?.content;
          if (typeof content === 'string' && content.length > 0) {
            if (deltas === 0) tFirst = now; else gaps.push(now - tLast);
            tLast = now;
            deltas++;
            text += content;
          }
        }
      });
      res.on('end', () => {
        const tokens = usage?.completion_tokens ?? deltas;
        resolve({
          prompt_tokens: usage?.prompt_tokens ?? null,
          generated_tokens: tokens,
          content_deltas: deltas,
          finish_reason: finish,
          ttft_ms: tFirst - t0,
          decode_tps: (tokens - 1) / ((tLast - tFirst) / 1000),
          gap_p50_ms: median(gaps),
          text,
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`POST /v1/chat/completions timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export function closeChatConnections() {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}
