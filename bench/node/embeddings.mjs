// Embeddings per second, EdgeRouter's /v1/embeddings against llama-server's (`--embedding`) on the same generated
// embedding model, same threads: one request carrying a batch of short texts (what an indexer sends), timed on the
// client, sides interleaved by round with a fresh process each. When our binary cannot serve /v1/embeddings (no
// model, a build without the endpoint, or the model not loadable), the figure is null with the reason: never invented.
// Prints progress on stderr and one JSON object on stdout.
import http from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLlamaServer } from './llama-server.mjs';
import { startRouter } from './process.mjs';
import { median, parseArgs, round } from './stats.mjs';

const args = parseArgs(process.argv.slice(2), { rounds: 2, reps: 5, batch: 32, threads: 2 });
const log = (...a) => console.error('bench-embeddings:', ...a);
const rounds = +args.rounds;
const reps = +args.reps;
const threads = String(args.threads);
const EMBED_NAME = 'bench-embed';
const WORDS = ['water', 'story', 'people', 'answer', 'morning', 'river', 'question', 'letter', 'garden', 'window', 'music', 'winter'];
// Short texts, each different (a server may not dedupe), 8-14 words: a sentence or a search query.
const texts = Array.from({ length: +args.batch }, (_, i) =>
  Array.from({ length: 8 + (i % 7) }, (_, j) => WORDS[(i * 5 + j * 7) % WORDS.length]).join(' '));

function done(figure, reason, extra = {}) {
  console.log(JSON.stringify({ bench: 'embeddings', embeddings_vs_llama_server: figure, ...(reason ? { embeddings_vs_llama_server_reason: reason } : {}), ...extra }));
  process.exit(0);
}

if (!args.model || !existsSync(args.model)) {
  done(null, args['missing-reason'] || 'no embedding model: this binary could not generate one');
}

function post(base, payload) {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(new URL('/v1/embeddings', base), {
      method: 'POST', agent: false, timeout: 300_000,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, res => {
      let all = '';
      res.setEncoding('utf8');
      res.on('data', d => { all += d; });
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0, body: all }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('POST /v1/embeddings timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** One batch; returns the wall time and the vectors (for the dimension and a cross-check between the servers). */
async function batch(base) {
  const r = await post(base, { model: EMBED_NAME, input: texts });
  if (r.status !== 200) throw Object.assign(new Error(`HTTP ${r.status}: ${r.body.slice(0, 300)}`), { status: r.status });
  const data = JSON.parse(r.body).data ?? [];
  if (data.length !== texts.length) throw new Error(`${data.length} embeddings for ${texts.length} inputs`);
  return { ms: r.ms, vectors: data.sort((a, b) => a.index - b.index).map(d => d.embedding) };
}

/**
 * The first batch, once the embedding model is in: ours loads it after the chat model is ready (a 503
 * model_not_ready until then), where llama-server's /health already waits for it.
 */
async function warmUp(base) {
  const deadline = performance.now() + 120_000;
  for (;;) {
    try {
      return await batch(base);
    } catch (e) {
      if (e.status !== 503 || !e.message.includes('model_not_ready') || performance.now() > deadline) throw e;
      await new Promise(r => setTimeout(r, 100));
    }
  }
}

const cosine = (a, b) => {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return dot / Math.sqrt(na * nb);
};

const perSecond = { edgerouter: [], llama_server: [] };
const vectors = {};
async function measure(side, k) {
  const proc = side === 'edgerouter'
    // The router serves a separate embedding model next to its chat model (README "Embeddings"): the tiny chat
    // model keeps the chat side out of the way, and requests name the embedding model.
    ? await startRouter(args['router-bin'], ['--model', args['chat-model'], '--embedding-model', args.model,
      '--embedding-model-name', EMBED_NAME, '--threads', threads])
    : await startLlamaServer(join(args['llama-dir'], 'llama-server'), ['-m', args.model, '-t', threads, '-tb', threads, '--embedding', '-np', '1',
      ...(args.pooling ? ['--pooling', args.pooling] : [])]);
  try {
    await warmUp(proc.base);
    const times = [];
    for (let i = 0; i < reps; i++) {
      const b = await batch(proc.base);
      times.push(b.ms);
      vectors[side] ??= b.vectors;
    }
    perSecond[side].push(texts.length / (median(times) / 1000));
    log(`round ${k + 1} ${side}: ${perSecond[side].at(-1).toFixed(1)} embeddings/s (batch of ${texts.length}, median of ${reps})`);
  } finally {
    await proc.stop();
  }
}

// Our side first, once: a binary without the endpoint (or unable to load the model) ends the stage with the reason.
try {
  await measure('edgerouter', 0);
} catch (e) {
  done(null, e.status ? `this binary does not serve /v1/embeddings (${e.message.split('\n')[0]})`
    : `our side failed: ${e.message.split('\n')[0].slice(0, 200)}`);
}
try {
  for (let k = 0; k < rounds; k++) {
    if (k === 0) { await measure('llama_server', k); continue; }
    if (k % 2 === 1) { await measure('llama_server', k); await measure('edgerouter', k); } else { await measure('edgerouter', k); await measure('llama_server', k); }
  }
} catch (e) {
  done(null, `llama-server side failed: ${e.message.split('\n')[0].slice(0, 200)}`);
}
const pairs = Math.min(perSecond.edgerouter.length, perSecond.llama_server.length);
const ratios = Array.from({ length: pairs }, (_, i) => perSecond.edgerouter[i] / perSecond.llama_server[i]);
const dims = vectors.edgerouter?.[0]?.length ?? 0;
const cos = vectors.edgerouter && vectors.llama_server && dims === vectors.llama_server[0].length
  ? Math.min(...vectors.edgerouter.map((v, i) => cosine(v, vectors.llama_server[i]))) : null;
done(round(median(ratios), 3), null, {
  edgerouter_per_second: round(median(perSecond.edgerouter), 1),
  llama_server_per_second: round(median(perSecond.llama_server), 1),
  dims,
  llama_server_dims: vectors.llama_server?.[0]?.length ?? 0,
  // The same model and pooling on both sides should give the same vectors (up to normalisation): a low value means
  // the two servers did not compute the same thing and the ratio compares different work.
  min_cosine_vs_llama_server: round(cos, 4),
  batch: texts.length, rounds, reps,
});
