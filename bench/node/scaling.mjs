// Scaling curve: decode tokens/s and resident memory of the router for each model, next to this machine's memory
// bandwidth bound (bytes of weights read per token). Prints one JSON object.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { memory, startRouter } from './process.mjs';
import { closeConnections, generate } from './router.mjs';
import { median, parseArgs } from './stats.mjs';

const args = parseArgs(process.argv.slice(2), { tokens: 64, reps: 1, ctx: 1024, threads: 2 });
// Decode streams all weights once per token; a copy moves every byte twice (read + write), so twice the memcpy
// rate is the read bandwidth a decode can hope for (the same rule as the Pi 5 figures in local-inference-facts.md).
const readBytesPerSecond = 2 * +args['copy-mibs'] * 1048576;
const models = [];
for (const entry of String(args.models).split(',')) {
  const [name, path] = entry.split('=');
  const bytes = statSync(path).size;
  const router = await startRouter(args.bin, ['--model', path, '--ctx', String(args.ctx), '--threads', String(args.threads)]);
  try {
    await generate(router.base, 'Hello', 8); // warm-up
    const rates = [];
    let generated = 0;
    for (let i = 0; i < +args.reps; i++) {
      const r = await generate(router.base, `${['Once', 'Then', 'Later'][i % 3]} upon a time`, +args.tokens);
      rates.push(r.decode_tps);
      generated = r.generated_tokens;
    }
    const mem = memory(router.proc.pid);
    const decode = median(rates);
    const bound = readBytesPerSecond / bytes;
    models.push({
      shape: name, file: basename(path), file_bytes: bytes, generated_tokens: generated,
      decode_tps: +decode.toFixed(2), rss_bytes: mem.rss, peak_rss_bytes: mem.hwm,
      bandwidth_bound_tps: +bound.toFixed(2), fraction_of_bound: +(decode / bound).toFixed(3),
    });
    console.error(`scaling: ${name}: ${decode.toFixed(1)} tok/s (bound ${bound.toFixed(1)}), RSS ${(mem.rss / 1048576).toFixed(0)} MiB`);
  } finally {
    closeConnections();
    await router.stop();
  }
}
console.log(JSON.stringify({ copy_mib_s: +args['copy-mibs'], read_bandwidth_bytes_s: readBytesPerSecond, models }));
