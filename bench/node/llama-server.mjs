// llama.cpp's own llama-server as a peer: start it, time it to ready, and drive its native endpoints
// (/completion streaming, with or without a JSON schema; /embedding). Built by scripts/bench-llama-server.sh.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { freePort, status } from './process.mjs';
import { median, percentile } from './stats.mjs';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Spawns `llama-server --host 127.0.0.1 --port P ...args` and resolves when GET /health answers 200 (it answers 503
 * while the model loads), polled every 2 ms like the router's /readyz.
 */
export async function startLlamaServer(bin, args, { timeoutMs = 120_000 } = {}) {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(bin, ['--host', '127.0.0.1', '--port', String(port), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', d => { stderr = (stderr + d).slice(-20000); });
  let exited = false;
  proc.on('exit', () => { exited = true; });
  const url = `http://127.0.0.1:${port}/health`;
  while (true) {
    if (exited) throw new Error(`${bin} exited before it was ready:\n${stderr.slice(-4000)}`);
    if (performance.now() - started > timeoutMs) { proc.kill('SIGKILL'); throw new Error(`${bin} not ready after ${timeoutMs} ms`); }
    if (await status(url) === 200) break;
    await new Promise(r => setTimeout(r, 2));
  }
  return {
    proc,
    port,
    base: `http://127.0.0.1:${port}`,
    readyMs: performance.now() - started,
    log: () => stderr,
    stop: () => new Promise(resolve => {
      if (exited) { resolve(); return; }
      proc.once('exit', resolve);
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
    }),
  };
}

// A keep-alive socket the server closed while idle fails on reuse with ECONNRESET before any byte: retry once on a
// fresh socket (what every HTTP client does for an idempotent retry; nothing was processed).
async function post(base, path, payload, onChunk) {
  try {
    return await postOnce(base, path, payload, onChunk);
  } catch (e) {
    if (e.code !== 'ECONNRESET' || !e.reused) throw e;
    return postOnce(base, path, payload, onChunk, false);
  }
}

function postOnce(base, path, payload, onChunk, keepAlive = true) {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), {
      method: 'POST', agent: keepAlive ? agent : false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: 180_000,
    }, res => {
      let all = '';
      res.setEncoding('utf8');
      res.on('data', chunk => { if (res.statusCode === 200 && onChunk) onChunk(chunk, performance.now()); else all += chunk; });
      res.on('end', () => (res.statusCode === 200 ? resolve(all) : reject(new Error(`POST ${path}: HTTP ${res.statusCode}: ${all.slice(0, 500)}`))));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`POST ${path} timed out`)));
    req.on('error', e => { e.reused = req.reusedSocket; reject(e); });
    req.end(body);
  });
}

/**
 * Greedy streamed completion of n tokens on POST /completion, timed on the client exactly like router.mjs times
 * EdgeRouter: ttft = request start -> first event with text; decode tok/s = (tokens - 1) / (last text - first text).
 * `ignore_eos` makes the count exact (the router is checked for an early end instead). `schema` adds a json_schema
 * (grammar-constrained sampling); `cachePrompt` is llama-server's prefix reuse (on by default in llama-server).
 */
export async function completion(base, prompt, n, { schema = null, cachePrompt = true, ignoreEos = true } = {}) {
  const t0 = performance.now();
  let tFirst = 0;
  let tLast = 0;
  let pieces = 0;
  let text = '';
  let final = null;
  let buffered = '';
  const gaps = [];
  const payload = {
    prompt, n_predict: n, stream: true, temperature: 0, top_k: 1, seed: 1, cache_prompt: cachePrompt,
    ignore_eos: ignoreEos && !schema, ...(schema ? { json_schema: schema } : {}),
  };
  await post(base, '/completion', payload, (chunk, now) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') continue;
      const obj = JSON.parse(data);
      if (typeof obj.content === 'string' && obj.content.length > 0) {
        if (pieces === 0) tFirst = now; else gaps.push(now - tLast);
        tLast = now;
        pieces++;
        text += obj.content;
      }
      if (obj.stop) final = obj;
    }
  });
  if (!final) throw new Error('llama-server: stream ended without a final {"stop":true} event');
  const predicted = final.tokens_predicted ?? final.timings?.predicted_n ?? pieces;
  const ttftMs = tFirst - t0;
  return {
    prompt_tokens: final.tokens_evaluated ?? final.timings?.prompt_n,
    cached_tokens: final.tokens_cached ?? final.timings?.cache_n ?? null,
    generated_tokens: predicted,
    ttft_ms: ttftMs,
    prefill_tps: (final.tokens_evaluated ?? NaN) / (ttftMs / 1000),
    decode_tps: (predicted - 1) / ((tLast - tFirst) / 1000),
    gap_p50_ms: median(gaps),
    gap_p90_ms: percentile(gaps, 0.9),
    server_prompt_ms: final.timings?.prompt_ms ?? NaN,
    server_prompt_n: final.timings?.prompt_n ?? NaN,
    server_decode_tps: final.timings?.predicted_per_second ?? NaN,
    finish_reason: final.stop_type === 'limit' ? 'length' : 'stop',
    text,
  };
}

/** The prompt text llama-server's own chat template renders for these messages (POST /apply-template). */
export async function applyTemplate(base, messages) {
  return JSON.parse(await post(base, '/apply-template', { messages })).prompt;
}

/** One POST /embedding (llama-server started with --embeddings); returns the vector length and the wall time. */
export async function embedding(base, content) {
  const t0 = performance.now();
  const body = await post(base, '/embedding', { content });
  const ms = performance.now() - t0;
  const parsed = JSON.parse(body);
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  const vec = Array.isArray(first.embedding?.[0]) ? first.embedding[0] : first.embedding;
  return { ms, dims: vec?.length ?? 0 };
}

export function closeLlamaServerConnections() {
  agent.destroy();
}
