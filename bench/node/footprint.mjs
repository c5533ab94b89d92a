// Footprint of the router binary with the tiny model: time from exec to /readyz 200 and the resident set once it
// has been idle for a second, median over several starts. Prints one JSON object.
import { memory, startRouter } from './process.mjs';
import { median, parseArgs } from './stats.mjs';

const args = parseArgs(process.argv.slice(2), { runs: 3, ctx: 1024, threads: 2 });
const ready = [];
const rss = [];
for (let i = 0; i < +args.runs; i++) {
  const router = await startRouter(args.bin, ['--model', args.model, '--ctx', String(args.ctx), '--threads', String(args.threads)]);
  ready.push(router.readyMs);
  await new Promise(r => setTimeout(r, 1000));
  rss.push(memory(router.proc.pid).rss);
  await router.stop();
}
console.log(JSON.stringify({ ready_ms: +median(ready).toFixed(1), idle_rss_bytes: median(rss), ready_runs_ms: ready.map(x => +x.toFixed(1)), rss_runs_bytes: rss }));
