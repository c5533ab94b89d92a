// Fail-fast cost: while one streaming generation holds EdgeRouter's only slot (queue length 0), wrk fires requests
// that must all be refused with 503. Measures the refusals per second, their latency, and the running generation's
// decode rate during the flood against the quiet windows before and after it. Prints one JSON object.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readdirSync, readFileSync } from 'node:fs';
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

function runWrk(seconds, target = base) {
  const dir = mkdtempSync(join(tmpdir(), 'edgerouter-failfast-'));
  const script = join(dir, 'post.lua');
  writeFileSync(script, [
    'wrk.method = "POST"',
    `wrk.body = '${JSON.stringify({ model: 'local', prompt: 'hi', stream: false })}'`,
    'wrk.headers["Content-Type"] = "application/json"',
  ].join('\n'));
  return new Promise((resolve, reject) => {
    const wrk = spawn('wrk', ['-t', String(args['wrk-threads']), '-c', String(args.connections), '-d', `${seconds}s`, '--latency', '-s', script,
      new URL('/api/generate', target).href], { stdio: ['ignore', 'pipe', 'inherit'] });
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

/**
 * CPU time (clock ticks, utime + stime) of every thread of the given processes, from /proc/PID/task/TID/stat: the
 * processes' own accounting. Returns Map "pid/tid" -> { ticks, comm }.
 */
function threadTicks(pids) {
  const out = new Map();
  for (const pid of pids) {
    let tids = [];
    try { tids = readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(`${pid}/${tid}`, { ticks: +f[11] + +f[12], comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
      } catch { /* the thread ended */ }
    }
  }
  return out;
}
const TICK_US = 1e6 / 100; // USER_HZ is 100 on Linux
const ticksBetween = (a, b, keep = () => true) => {
  let sum = 0;
  for (const [k, v] of b) if (keep(k)) sum += v.ticks - (a.get(k)?.ticks ?? 0);
  return sum;
};

const pids = String(args.pids ?? '').split(',').filter(Boolean).map(Number);

// --flood-only: no generation; flood the URL and report refusals and the CPU the given processes spent on them
// (the nginx `return 503` peer).
if (args['flood-only']) {
  const a = threadTicks(pids);
  const out = await runWrk(+args.during);
  const b = threadTicks(pids);
  const wrk = parseWrk(out);
  const cpuUs = ticksBetween(a, b) * TICK_US;
  console.log(JSON.stringify({
    refusals: wrk.total, non2xx: wrk.non2xx, reject_rps: Math.round(wrk.rps), reject_p50_us: wrk.p50_us, reject_p99_us: wrk.p99_us,
    cpu_ms: Math.round(cpuUs / 1000), cpu_us_per_refusal: +(cpuUs / wrk.total).toFixed(2), socket_errors: wrk.socket_errors,
  }));
  process.exit(0);
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
const q0 = threadTicks(pids);
await sleep(args.before * 1000);
const t1 = performance.now();
const q1 = threadTicks(pids);
const wrkOut = await runWrk(args.during);
const t2 = performance.now();
const q2 = threadTicks(pids);
await sleep(args.after * 1000);
const t3 = performance.now();
// --peer-url: the same flood against a peer answering 503 (nginx `return 503`) while the generation keeps running,
// so the peer's CPU per refusal and the decode slowdown the flood causes with that peer are measured under the same
// conditions; then one more quiet window.
let peer = null;
if (args['peer-url']) {
  const peerPids = String(args['peer-pids'] ?? '').split(',').filter(Boolean).map(Number);
  const p0 = threadTicks(peerPids);
  const t4 = performance.now();
  const out = parseWrk(await runWrk(args.during, new URL(args['peer-url'])));
  const t5 = performance.now();
  const p1 = threadTicks(peerPids);
  await sleep(args.after * 1000);
  const t6 = performance.now();
  const cpuUs = ticksBetween(p0, p1) * TICK_US;
  const quietAround = (rateIn(gen.times, t2 + 250, t3) + rateIn(gen.times, t5 + 250, t6)) / 2;
  peer = {
    reject_rps: Math.round(out.rps), reject_p50_us: out.p50_us, reject_p99_us: out.p99_us, refusals: out.total, non2xx: out.non2xx,
    cpu_ms: Math.round(cpuUs / 1000), cpu_us_per_refusal: +(cpuUs / out.total).toFixed(2),
    decode_tps_during: +rateIn(gen.times, t4 + 250, t5 - 250).toFixed(2),
    decode_slowdown: +(1 - rateIn(gen.times, t4 + 250, t5 - 250) / quietAround).toFixed(3),
  };
}
const stillRunning = !gen.ended();
gen.stop();
if (!stillRunning) { log('failfast: the generation ended before the measurement did'); process.exit(1); }

const wrk = parseWrk(wrkOut);
if (!(wrk.total > 0) || wrk.non2xx !== wrk.total) {
  log(`failfast: not every flood request was refused (${wrk.non2xx} non-2xx of ${wrk.total}):\n${wrkOut}`);
  process.exit(1);
}
// Half a second at each edge of the flood belongs to neither window (wrk starting and stopping).
// The refusals' CPU, from the router's own per-thread accounting: every thread except the ones that were computing
// the generation before the flood began (busy > 20 % of the quiet window: the generating thread and ggml's workers).
const quietTicks = (t1 - t0) / 1000 * 100;
const decodeThreads = new Set([...q1].filter(([k, v]) => v.ticks - (q0.get(k)?.ticks ?? 0) > 0.2 * quietTicks).map(([k]) => k));
const floodCpuUs = ticksBetween(q1, q2, k => !decodeThreads.has(k)) * TICK_US;
const floodAllCpuUs = ticksBetween(q1, q2) * TICK_US;
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
  ...(pids.length ? {
    refusal_cpu_ms: Math.round(floodCpuUs / 1000),
    refusal_cpu_us_per_refusal: +(floodCpuUs / wrk.total).toFixed(2),
    process_cpu_ms_during_flood: Math.round(floodAllCpuUs / 1000),
    decode_threads: decodeThreads.size,
    flood_seconds: +((t2 - t1) / 1000).toFixed(2),
  } : {}),
  ...(peer ? { peer } : {}),
}));
