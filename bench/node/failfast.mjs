// Fail-fast cost: while one streaming generation holds EdgeRouter's only slot (queue length 0), wrk fires requests
// that must all be refused with 503. Measures the refusals per second, their latency, and the running generation's
// decode rate during the flood against the quiet windows before and after it. Prints one JSON object.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from './stats.mjs';

const args = parseArgs(process.argv.slice(2), { before: 3, during: 3, after: 3, warmup: 2, connections: 16, 'wrk-threads': 2 });
const base = new URL(args.url);
const log = (...a) => console.error(...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Starts a long streaming generation; returns the token arrival times and a way to stop it. */
function longGeneration() {
  const times = [];
  const body = JSON.stringify({ model: 'local', prompt: 'Once upon a time', raw: true, stream: true, options: { temperature: 0, num_predict: 100000 } });
  let ended = false;
  const req = http.request(new URL('/api/generate', base), {
    method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  }, res => {
    let buffered = '';
    res.setEncoding('utf8');
    res.on('data', chunk => {
      const now = performance.now();
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.includes('"response":"') && !line.includes('"response":""')) times.push(now);
        if (line.includes('"done":true')) ended = true;
      }
    });
    res.on('end', () => { ended = true; });
  });
  req.on('error', () => { ended = true; });
  req.end(body);
  return { times, stop: () => req.destroy(), ended: () => ended };
}

function probe() {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ model: 'local', prompt: 'hi', stream: false });
    const req = http.request(new URL('/api/generate', base), {
      method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, res => { res.resume(); res.on('end', () => resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'] })); });
    req.on('error', reject);
    req.end(body);
  });
}

function runWrk(seconds) {
  const dir = mkdtempSync(join(tmpdir(), 'edgerouter-failfast-'));
  const script = join(dir, 'post.lua');
  writeFileSync(script, [
    'wrk.method = "POST"',
    `wrk.body = '${JSON.stringify({ model: 'local', prompt: 'hi', stream: false })}'`,
    'wrk.headers["Content-Type"] = "application/json"',
  ].join('\n'));
  return new Promise((resolve, reject) => {
    const wrk = spawn('wrk', ['-t', String(args['wrk-threads']), '-c', String(args.connections), '-d', `${seconds}s`, '--latency', '-s', script,
      new URL('/api/generate', base).href], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    wrk.stdout.on('data', d => { out += d; });
    wrk.on('error', reject);
    wrk.on('close', code => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}: ${out}`))));
  });
}

const micros = (value, unit) => Math.round(+value * ({ us: 1, ms: 1000, s: 1e6 }[unit]));
function parseWrk(out) {
  const rps = +(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const total = +(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  const non2xx = +(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const pct = {};
  for (const m of out.matchAll(/^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$/gm)) pct[m[1]] = micros(m[2], m[3]);
  const errors = /Socket errors:[^\n]*/.exec(out)?.[0] ?? '';
  return { rps, total, non2xx, p50_us: pct['50'], p99_us: pct['99'], socket_errors: errors };
}

const rateIn = (times, from, to) => {
  const n = times.filter(t => t >= from && t < to).length;
  return n / ((to - from) / 1000);
};

const gen = longGeneration();
while (gen.times.length === 0 && !gen.ended()) await sleep(20);
if (gen.ended()) { log('failfast: the generation ended before its first token'); process.exit(1); }
await sleep(args.warmup * 1000);
const check = await probe();
if (check.status !== 503) { gen.stop(); log(`failfast: a request while the slot is busy got ${check.status}, not 503`); process.exit(1); }
const t0 = performance.now();
await sleep(args.before * 1000);
const t1 = performance.now();
const wrkOut = await runWrk(args.during);
const t2 = performance.now();
await sleep(args.after * 1000);
const t3 = performance.now();
const stillRunning = !gen.ended();
gen.stop();
if (!stillRunning) { log('failfast: the generation ended before the measurement did'); process.exit(1); }

const wrk = parseWrk(wrkOut);
if (!(wrk.total > 0) || wrk.non2xx !== wrk.total) {
  log(`failfast: not every flood request was refused (${wrk.non2xx} non-2xx of ${wrk.total}):\n${wrkOut}`);
  process.exit(1);
}
// Half a second at each edge of the flood belongs to neither window (wrk starting and stopping).
const quiet = (rateIn(gen.times, t0, t1 - 250) + rateIn(gen.times, t2 + 250, t3)) / 2;
const flooded = rateIn(gen.times, t1 + 250, t2 - 250);
console.log(JSON.stringify({
  reject_rps: Math.round(wrk.rps),
  reject_p50_us: wrk.p50_us,
  reject_p99_us: wrk.p99_us,
  rejected: wrk.total,
  retry_after: check.retryAfter ?? null,
  wrk_connections: +args.connections,
  wrk_threads: +args['wrk-threads'],
  decode_tps_quiet: +quiet.toFixed(2),
  decode_tps_during_rejects: +flooded.toFixed(2),
  decode_slowdown_under_rejects: +(1 - flooded / quiet).toFixed(3),
  socket_errors: wrk.socket_errors,
}));
