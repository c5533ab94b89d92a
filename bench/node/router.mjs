// EdgeRouter over HTTP: one streaming POST /api/generate (Ollama NDJSON), timed on the client.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median, percentile } from './stats.mjs';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Greedy raw completion of exactly n tokens. Times are client-side:
 * ttft = request start -> first NDJSON line with a non-empty "response";
 * decode tok/s = (eval_count - 1) / (arrival of the last line with text - arrival of the first), where
 * eval_count comes from the final object. The server's own prompt_eval_duration / eval_duration are kept too, and
 * its Server-Timing header: "admit" (arrival to admission) and "ttft" (admission to the first text: the engine's own
 * time to the first token, tokenization and first pick included).
 */
export function generate(base, prompt, n, { seed = 1, timeoutMs = 120_000 } = {}) {
  const url = new URL('/api/generate', base);
  const body = JSON.stringify({
    model: 'local',
    prompt,
    raw: true,
    stream: true,
    options: { temperature: 0, num_predict: n, seed },
  });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let tFirst = 0;
    let tLastText = 0;
    let textLines = 0;
    const gaps = [];
    let text = '';
    let final = null;
    let buffered = '';
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: timeoutMs,
    }, res => {
      if (res.statusCode !== 200) {
        let err = '';
        res.setEncoding('utf8');
        res.on('data', d => { err += d; });
        res.on('end', () => reject(new Error(`POST /api/generate: HTTP ${res.statusCode}: ${err.slice(0, 500)}`)));
        return;
      }
      const timing = serverTiming(res.headers['server-timing']);
      res.setEncoding('utf8');
      res.on('data', chunk => {
        const now = performance.now();
        buffered += chunk;
        let nl;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (!line) continue;
          const obj = JSON.parse(line);
          if (obj.error) { req.destroy(); reject(new Error(`router error: ${obj.error}`)); return; }
          if (typeof obj.response === 'string' && obj.response.length > 0) {
            if (textLines === 0) tFirst = now;
            else gaps.push(now - tLastText);
            tLastText = now;
            textLines++;
            text += obj.response;
          }
          if (obj.done) final = obj;
        }
      });
      res.on('end', () => {
        if (!final) { reject(new Error('stream ended without a final {"done":true} object')); return; }
        const tEnd = performance.now();
        const evalCount = final.eval_count ?? 0;
        const ttftMs = tFirst - t0;
        const decodeMs = tLastText - tFirst;
        const ns = x => (typeof x === 'number' ? x / 1e6 : NaN); // Ollama durations are nanoseconds
        resolve({
          prompt_tokens: final.prompt_eval_count,
          generated_tokens: evalCount,
          text_lines: textLines,
          done_reason: final.done_reason,
          ttft_ms: ttftMs,
          decode_ms: decodeMs,
          total_ms: tEnd - t0,
          prefill_tps: final.prompt_eval_count / (ttftMs / 1000),
          decode_tps: (evalCount - 1) / (decodeMs / 1000),
          gap_p50_ms: median(gaps), // between lines with text; one line per token unless a piece is held back
          gap_p90_ms: percentile(gaps, 0.9),
          server_admit_ms: timing.admit ?? NaN,
          server_ttft_ms: timing.ttft ?? NaN,
          server_prompt_eval_ms: ns(final.prompt_eval_duration),
          server_eval_ms: ns(final.eval_duration),
          server_total_ms: ns(final.total_duration),
          server_prefill_tps: final.prompt_eval_count / (ns(final.prompt_eval_duration) / 1000),
          server_decode_tps: evalCount / (ns(final.eval_duration) / 1000),
          text,
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`POST /api/generate timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** "admit;dur=0.4, ttft;dur=987.1" -> { admit: 0.4, ttft: 987.1 } (milliseconds). */
function serverTiming(header) {
  const out = {};
  for (const part of (header ?? '').split(',')) {
    const m = /^\s*([\w-]+)\s*;\s*dur=([\d.]+)/.exec(part);
    if (m) out[m[1]] = +m[2];
  }
  return out;
}

export function closeConnections() {
  agent.destroy();
}

/**
 * The floor under ttft_overhead_ms on this machine: the same kind of client (node:http, keep-alive) timing a streamed
 * POST to a bare node HTTP server in another process, request start -> first body bytes, median of `count`. Whatever
 * any server adds comes on top of it. Starts and stops bench/node/upstream.mjs itself.
 */
export async function httpFloorMs(count = 50) {
  const server = spawn(process.execPath, [fileURLToPath(new URL('./upstream.mjs', import.meta.url)), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise((resolve, reject) => {
      server.stdout.on('data', d => { const m = /listening (\d+)/.exec(String(d)); if (m) resolve(+m[1]); });
      server.on('exit', code => reject(new Error(`upstream.mjs exited with ${code}`)));
    });
    const floorAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const body = JSON.stringify({ model: 'bench-upstream', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const once = () => new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST', agent: floorAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, res => {
        let first = 0;
        res.on('data', () => { if (!first) first = performance.now(); });
        res.on('end', () => resolve(first - t0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
    const times = [];
    for (let i = 0; i < count + 5; i++) {
      const t = await once();
      if (i >= 5) times.push(t); // the first few warm the connection and the JIT
      await new Promise(r => setTimeout(r, 20)); // idle gaps, as between the bench's generations
    }
    floorAgent.destroy();
    return median(times);
  } finally {
    server.kill();
  }
}
