// Local generation: EdgeRouter (over HTTP, streaming) against node-llama-cpp (in process) on the same model,
// the same prebuilt llama.cpp, the same threads and context, greedy, a fixed token count, in one run.
// Driven by scripts/bench-local.sh, which builds the router, generates the model and starts the router.
// Prints a table and, as its last line, one JSON object with the ratios and the raw numbers.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join } from 'node:path';
import { createLocalPeer } from './local.mjs';
import { closeConnections, generate, httpFloorMs } from './router.mjs';
import { backgroundCpuPercent, cpuSnapshot, median, parseArgs, round } from './stats.mjs';

const START = '<!-- bench-local:start -->';
const END = '<!-- bench-local:end -->';
const GOAL = 1.2;
const BUSY_PCT = 10; // background CPU (percent of the machine) above which a run is flagged as disturbed

const args = parseArgs(process.argv.slice(2), {
  tokens: 64, reps: 3, threads: 2, ctx: 1024, batch: 512, seed: 1, warmup: 1,
});
for (const required of ['model', 'url', 'prompt-file']) {
  if (!args[required]) {
    console.error(`bench-local.mjs: --${required} is required`);
    process.exit(2);
  }
}
const n = +args.tokens;
const reps = +args.reps;
const basePrompt = readFileSync(args['prompt-file'], 'utf8').trim();
// EdgeRouter keeps the KV prefix a new prompt shares with the previous request, so repeating one prompt would time
// a one-token prefill. Every request therefore starts with a different word (one token each in the generated
// vocabulary); node-llama-cpp gets the same text in the same repetition, from a cleared sequence.
const FIRST_WORDS = ['The', 'What', 'How', 'This', 'We', 'It', 'You', 'Hello', 'A', 'Hi'];
const promptFor = k => `${FIRST_WORDS[k % FIRST_WORDS.length]} ${basePrompt}`;
const log = (...a) => console.error(...a);

function fail(message) {
  log(`bench-local: FAILED: ${message}`);
  closeConnections();
  process.exit(1);
}

/** Same bytes on both sides? Compares the router's library directory with node-llama-cpp's prebuilt bins. */
function compareLibraries(routerLibDir, nodeBinsDir) {
  if (!routerLibDir || !existsSync(routerLibDir)) return { checked: false };
  const sha = f => createHash('sha256').update(readFileSync(f)).digest('hex');
  const names = readdirSync(routerLibDir).filter(f => /^lib(llama|ggml).*\.so$/.test(f)).sort();
  const differing = names.filter(f => !existsSync(join(nodeBinsDir, f)) || sha(join(routerLibDir, f)) !== sha(join(nodeBinsDir, f)));
  return {
    checked: true,
    files: names.length,
    identical: differing.length === 0 && names.length > 0,
    differing,
    libllama_sha256: existsSync(join(routerLibDir, 'libllama.v0.5.0.so')) ? sha(join(routerLibDir, 'libllama.v0.5.0.so')) : null,
  };
}

function checkNode(r, i) {
  if (r.eog_at >= 0) {
    fail(`node-llama-cpp produced an end-of-generation token at position ${r.eog_at} (< ${n}) in run ${i}; ` +
      'the random-weight model stops early on this prompt: change the prompt or the model seed');
  }
}

function checkRouter(r, i) {
  if (!(r.generated_tokens >= n)) {
    fail(`EdgeRouter generated ${r.generated_tokens} tokens (< ${n}, done_reason=${r.done_reason}) in run ${i}; ` +
      'an end-of-generation token ended it early: change the prompt or the model seed');
  }
}

// ---- set up -----------------------------------------------------------------------------------------------
log(`bench-local: loading ${args.model} into node-llama-cpp (threads ${args.threads}, ctx ${args.ctx}, batch ${args.batch})`);
const peer = await createLocalPeer({ model: args.model, threads: +args.threads, ctx: +args.ctx, batch: +args.batch });
log(`bench-local: node-llama-cpp ${peer.info.version} | llama.cpp ${peer.info.llama_cpp_release} (${peer.info.build_type}, gpu=${peer.info.gpu}) | ` +
  `backend ${peer.info.cpu_backend ?? '?'} | threads ${peer.info.threads} | flash_attn ${peer.info.flash_attention}`);
if (peer.info.gpu !== false) fail(`node-llama-cpp picked a GPU build (${peer.info.gpu})`);
if (peer.info.build_type !== 'prebuilt') fail(`node-llama-cpp uses a ${peer.info.build_type}, not the prebuilt binaries`);
if (peer.info.threads !== +args.threads) fail(`node-llama-cpp context uses ${peer.info.threads} threads, not ${args.threads}`);

const libs = compareLibraries(args['router-lib-dir'], peer.info.bins_dir);
if (libs.checked) {
  log(`bench-local: native libraries: ${libs.files} files, ${libs.identical ? 'identical to' : 'DIFFERENT from'} node-llama-cpp's (${peer.info.bins_dir})`);
  if (!libs.identical) fail(`router libraries differ from node-llama-cpp's: ${libs.differing.join(', ')}`);
}

// ---- warm-up, then measured runs alternating A B A B so drift hits both ---------------------------------
const nodeRuns = [];
const routerRuns = [];
const warmups = +args.warmup;
const ownPids = [process.pid, ...(args['router-pid'] ? [+args['router-pid']] : [])];
let measuredFrom = null;
for (let k = 0; k < warmups + reps; k++) {
  const warm = k < warmups;
  const label = warm ? `warm-up ${k + 1}` : `rep ${k - warmups + 1}`;
  const prompt = promptFor(k);
  const before = cpuSnapshot(ownPids);
  if (!warm && measuredFrom === null) measuredFrom = before;
  const a = await peer.run(prompt, n);
  checkNode(a, label);
  const b = await generate(args.url, prompt, n, { seed: +args.seed });
  checkRouter(b, label);
  // The raw prompt must tokenize identically: llama.cpp adds BOS (if the vocabulary asks for it) on both sides.
  if (b.prompt_tokens !== a.prompt_tokens) {
    fail(`the prompt tokenizes differently in ${label} (node-llama-cpp ${a.prompt_tokens} tokens, add_bos=${peer.info.add_bos}; ` +
      `EdgeRouter prompt_eval_count ${b.prompt_tokens})`);
  }
  b.same_text = a.text.trimStart() === b.text.trimStart(); // node-llama-cpp drops the SPM leading space
  if (warm) {
    log(`  ${label}: prompt tokens node-llama-cpp ${a.prompt_tokens} = EdgeRouter prompt_eval_count ${b.prompt_tokens}; ` +
      `greedy texts ${b.same_text ? 'identical' : 'differ'}`);
    continue;
  }
  const background = backgroundCpuPercent(before, cpuSnapshot(ownPids));
  a.background_cpu_pct = b.background_cpu_pct = background;
  nodeRuns.push(a);
  routerRuns.push(b);
  log(`  ${label} node-llama-cpp: ttft ${a.ttft_ms.toFixed(1)} ms, decode ${a.decode_tps.toFixed(2)} tok/s, ` +
    `token gap p50/p90 ${a.gap_p50_ms.toFixed(1)}/${a.gap_p90_ms.toFixed(1)} ms` +
    (background === null ? '' : `   [other processes used ${background.toFixed(0)} % of the machine during this pair]`));
  log(`  ${label} EdgeRouter    : ttft ${b.ttft_ms.toFixed(1)} ms, decode ${b.decode_tps.toFixed(2)} tok/s, ` +
    `token gap p50/p90 ${b.gap_p50_ms.toFixed(1)}/${b.gap_p90_ms.toFixed(1)} ms ` +
    `(server: ttft ${b.server_ttft_ms.toFixed(1)} ms of which prompt ${b.server_prompt_eval_ms.toFixed(1)} ms, ` +
    `decode ${b.server_decode_tps.toFixed(2)} tok/s) ` +
    `-> decode ratio ${(b.decode_tps / a.decode_tps).toFixed(3)}`);
}
const backgroundCpu = backgroundCpuPercent(measuredFrom, cpuSnapshot(ownPids));
closeConnections();
const floorMs = await httpFloorMs();
const nodeInfo = peer.info;
await peer.dispose();

// ---- figures ----------------------------------------------------------------------------------------------
const med = (runs, key) => median(runs.map(r => r[key]));
const node = {
  ttft_ms: med(nodeRuns, 'ttft_ms'),
  prefill_tps: med(nodeRuns, 'prefill_tps'),
  decode_tps: med(nodeRuns, 'decode_tps'),
  gap_p50_ms: med(nodeRuns, 'gap_p50_ms'),
  gap_p90_ms: med(nodeRuns, 'gap_p90_ms'),
};
const router = {
  ttft_ms: med(routerRuns, 'ttft_ms'),
  prefill_tps: med(routerRuns, 'prefill_tps'),
  decode_tps: med(routerRuns, 'decode_tps'),
  gap_p50_ms: med(routerRuns, 'gap_p50_ms'),
  gap_p90_ms: med(routerRuns, 'gap_p90_ms'),
  server_ttft_ms: med(routerRuns, 'server_ttft_ms'),
  server_admit_ms: med(routerRuns, 'server_admit_ms'),
  server_prompt_eval_ms: med(routerRuns, 'server_prompt_eval_ms'),
  server_prefill_tps: med(routerRuns, 'server_prefill_tps'),
  server_decode_tps: med(routerRuns, 'server_decode_tps'),
};
const pairedRatio = key => median(routerRuns.map((r, i) => r[key] / nodeRuns[i][key]));
const sameText = routerRuns.every(r => r.same_text);
const result = {
  bench: 'local',
  // Paired: each repetition runs both engines back to back, so the ratio within a pair cancels the machine's drift;
  // the figure is the median of those per-pair ratios. The ratio of the two medians is kept as a cross-check.
  local_decode_ratio: round(pairedRatio('decode_tps'), 3),
  local_prefill_ratio: round(pairedRatio('prefill_tps'), 3),
  // What the HTTP path adds to the in-process engine: the client's TTFT minus the engine's own time to the first
  // token in the same request (Server-Timing "ttft": tokenize, prompt, first pick), per run. Comparing with
  // node-llama-cpp's TTFT instead would measure the two engines' prefill, not HTTP: kept as ttft_vs_node_ms.
  ttft_overhead_ms: round(median(routerRuns.map(r => r.ttft_ms - r.server_ttft_ms)), 1),
  // The same against prompt_eval_duration alone (the definition of the first recorded runs): it also counts
  // tokenization and the first pick, which are engine work.
  ttft_over_prompt_eval_ms: round(median(routerRuns.map(r => r.ttft_ms - r.server_prompt_eval_ms)), 1),
  ttft_admit_ms: round(router.server_admit_ms, 2),
  // The same client against a bare node HTTP server: what the client library and loopback cost here with any server.
  ttft_http_floor_ms: round(floorMs, 2),
  ttft_vs_node_ms: round(router.ttft_ms - node.ttft_ms, 1),
  local_decode_ratio_of_medians: round(router.decode_tps / node.decode_tps, 3),
  // The same comparison from the median time between two tokens: insensitive to the stalls other processes cause.
  local_decode_ratio_median_gap: round(node.gap_p50_ms / router.gap_p50_ms, 3),
  goal_decode_ratio: GOAL,
  settings: {
    model: basename(args.model),
    model_bytes: statSync(args.model).size,
    threads: +args.threads, ctx: +args.ctx, batch: +args.batch, tokens: n, reps, warmup: +args.warmup,
    prompt_tokens: median(nodeRuns.map(r => r.prompt_tokens)), greedy: true, quick: Boolean(args.quick),
    nice: args.nice === undefined ? null : +args.nice,
  },
  edgerouter: {
    bin: args['router-bin'] ?? null,
    build: args['router-build'] ?? null,
    cpu_backend: args['router-backend'] ?? null,
    ...Object.fromEntries(Object.entries(router).map(([k, v]) => [k, round(v, 2)])),
    runs: routerRuns.map(({ text, ...r }) => roundAll(r)),
  },
  node_llama_cpp: {
    version: nodeInfo.version,
    llama_cpp_release: nodeInfo.llama_cpp_release,
    cpu_backend: nodeInfo.cpu_backend,
    threads: nodeInfo.threads,
    flash_attention: nodeInfo.flash_attention,
    ...Object.fromEntries(Object.entries(node).map(([k, v]) => [k, round(v, 2)])),
    runs: nodeRuns.map(({ text, tokens, ...r }) => roundAll(r)),
  },
  background_cpu_pct: round(backgroundCpu, 1),
  same_native_libraries: libs.checked ? libs.identical : null,
  same_greedy_text: sameText,
  machine: { nproc: os.availableParallelism(), cpu: describeCpu(), arch: process.arch },
  date: args.date ?? new Date().toISOString(),
};

/** "AMD EPYC (family 25, model 1; AVX2, no AVX-512)" from /proc/cpuinfo. */
function describeCpu() {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8').split('\n\n')[0];
    const field = k => new RegExp(`^${k}\\s*:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim();
    const flags = new Set((field('flags') ?? '').split(/\s+/));
    const simd = flags.has('avx512f') ? 'AVX-512' : flags.has('avx2') ? 'AVX2, no AVX-512' : flags.has('asimd') ? 'NEON' : 'no AVX2';
    const family = field('cpu family');
    return `${field('model name') ?? os.cpus()[0]?.model ?? 'unknown'}` +
      `${family ? ` (family ${family}, model ${field('model')}; ${simd})` : ''}`;
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function roundAll(o) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v, 2) : v]));
}

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const table = [
  '| engine | TTFT ms | prefill tok/s (prompt / TTFT) | decode tok/s | token gap p50 / p90 ms | server-reported TTFT / prompt ms / decode tok/s |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  `| node-llama-cpp ${nodeInfo.version} (in process) | ${fmt(node.ttft_ms)} | ${fmt(node.prefill_tps)} | ${fmt(node.decode_tps, 2)} | ${fmt(node.gap_p50_ms)} / ${fmt(node.gap_p90_ms)} | – |`,
  `| EdgeRouter (HTTP /api/generate, streaming) | ${fmt(router.ttft_ms)} | ${fmt(router.prefill_tps)} | ${fmt(router.decode_tps, 2)} | ${fmt(router.gap_p50_ms)} / ${fmt(router.gap_p90_ms)} | ${fmt(router.server_ttft_ms)} / ${fmt(router.server_prompt_eval_ms)} ms / ${fmt(router.server_decode_tps, 2)} |`,
].join('\n');

console.log('');
console.log(table);
console.log('');
console.log(`local_decode_ratio  = ${fmt(result.local_decode_ratio, 3)}  (median over repetitions of EdgeRouter decode tok/s / node-llama-cpp decode tok/s; goal >= ${GOAL}: ${result.local_decode_ratio >= GOAL ? 'met' : 'NOT met'})`);
console.log(`local_prefill_ratio = ${fmt(result.local_prefill_ratio, 3)}  (median over repetitions of the prompt tokens / TTFT ratio, EdgeRouter over node-llama-cpp)`);
console.log(`ttft_overhead_ms    = ${fmt(result.ttft_overhead_ms)}  (median of EdgeRouter's TTFT over HTTP - its engine's own time to the first token, Server-Timing ttft)`);
console.log(`ttft_http_floor_ms  = ${fmt(result.ttft_http_floor_ms, 2)}  (the same client to a bare node HTTP server in another process: request start -> first streamed bytes)`);
console.log(`ttft_over_prompt_eval_ms = ${fmt(result.ttft_over_prompt_eval_ms)}  (median of EdgeRouter's TTFT over HTTP - prompt_eval_duration)`);
console.log(`ttft_vs_node_ms     = ${fmt(result.ttft_vs_node_ms)}  (median TTFT EdgeRouter over HTTP - median TTFT node-llama-cpp in process)`);
console.log(`local_decode_ratio_of_medians = ${fmt(result.local_decode_ratio_of_medians, 3)}  (median EdgeRouter decode tok/s / median node-llama-cpp decode tok/s)`);
console.log(`local_decode_ratio_median_gap = ${fmt(result.local_decode_ratio_median_gap, 3)}  (node-llama-cpp median token gap / EdgeRouter median token gap)`);
if (backgroundCpu !== null && backgroundCpu > BUSY_PCT) {
  log(`bench-local: WARNING: other processes used ${backgroundCpu.toFixed(0)} % of the machine during the measured runs; ` +
    'ggml threads spin and wait on each other, so competing load distorts both sides unevenly: rerun on a quiet machine');
}
if (!sameText) log('bench-local: note: the greedy texts differ between the engines in at least one run');

const disturbed = backgroundCpu !== null && backgroundCpu > BUSY_PCT;
if (args.doc && disturbed && !args['force-doc']) {
  log(`bench-local: not updating ${args.doc}: the run was disturbed (set BENCH_FORCE_DOC=1 to record it anyway)`);
} else if (args.doc) {
  writeSection(args.doc, renderSection());
  log(`bench-local: updated ${args.doc}`);
}
console.log(JSON.stringify(result));

function renderSection() {
  const s = result.settings;
  const backend = [...new Set([nodeInfo.cpu_backend, args['router-backend']].filter(Boolean).map(p => basename(p)))].join(' / ') || 'unknown';
  return [
    START,
    '<!-- Written by scripts/bench-local.sh; edits between these markers are overwritten. -->',
    `Measured ${args.date ?? result.date} on ${result.machine.nproc} cores (${result.machine.cpu}, ${result.machine.arch}), ` +
      `ggml CPU backend \`${backend}\` on both sides. Other processes used ` +
      `${backgroundCpu === null ? 'an unknown share' : `${backgroundCpu.toFixed(0)} %`} of the machine during the measured runs` +
      `${backgroundCpu !== null && backgroundCpu > BUSY_PCT ? ' (**disturbed run**: treat the figures with care)' : ''}.`,
    '',
    '```',
    args.command ?? 'scripts/bench-local.sh',
    '```',
    '',
    `- Model: \`${s.model}\` (${(s.model_bytes / 1048576).toFixed(0)} MiB), generated by \`edgerouter model generate --shape qwen2.5-0.5b --type q8_0 --seed 1\` (random weights).`,
    `- Settings: ${s.threads} threads, context ${s.ctx}, batch ${s.batch}, greedy (temperature 0), raw prompt of ${s.prompt_tokens} tokens, ` +
      `exactly ${s.tokens} generated tokens, ${result.settings.warmup} warm-up + ${s.reps} measured runs per engine alternating, medians` +
      `${s.nice === null ? '' : `; both engines at nice ${s.nice}`}.`,
    `- Peer: node-llama-cpp ${nodeInfo.version} in process (llama.cpp ${nodeInfo.llama_cpp_release} prebuilt, ` +
      `\`sequence.evaluate\`, flash attention ${nodeInfo.flash_attention}). ` +
      `Native libraries ${libs.checked ? (libs.identical ? 'byte-identical to' : 'DIFFERENT from') : 'not compared with'} EdgeRouter's. ` +
      `Greedy texts ${sameText ? 'identical' : 'differ'}.`,
    `- EdgeRouter: ${args['router-build'] ?? 'binary'} over HTTP \`POST /api/generate\` (stream, raw), timed by the client.`,
    '',
    table,
    '',
    '| figure | value | definition |',
    '| --- | ---: | --- |',
    `| local_decode_ratio | **${fmt(result.local_decode_ratio, 3)}** | EdgeRouter decode tok/s ÷ node-llama-cpp decode tok/s within each repetition, median over repetitions; decode = (tokens − 1) ÷ (last token time − first token time); goal ≥ ${GOAL} (${result.local_decode_ratio >= GOAL ? 'met' : 'not met'}) |`,
    `| local_prefill_ratio | ${fmt(result.local_prefill_ratio, 3)} | prompt tokens ÷ TTFT, EdgeRouter ÷ node-llama-cpp within each repetition, median |`,
    `| ttft_overhead_ms | ${fmt(result.ttft_overhead_ms)} | median over runs of EdgeRouter's TTFT over HTTP − the engine's own time to the first token in the same request (Server-Timing \`ttft\`: tokenize, prompt, first pick); what the client, HTTP, admission and streaming add |`,
    `| ttft_http_floor_ms | ${fmt(result.ttft_http_floor_ms, 2)} | the same node:http client timing a streamed POST to a bare node HTTP server in another process (request start → first bytes, median of 50): the part of ttft_overhead_ms any server would show on this machine |`,
    `| ttft_over_prompt_eval_ms | ${fmt(result.ttft_over_prompt_eval_ms)} | the same against \`prompt_eval_duration\` alone (also counts tokenization and the first pick); of it, admission took ${fmt(result.ttft_admit_ms, 2)} ms (Server-Timing \`admit\`) |`,
    `| ttft_vs_node_ms | ${fmt(result.ttft_vs_node_ms)} | median TTFT of EdgeRouter over HTTP − median TTFT of node-llama-cpp in process (includes the engines' prefill difference) |`,
    `| local_decode_ratio_of_medians | ${fmt(result.local_decode_ratio_of_medians, 3)} | median EdgeRouter decode tok/s ÷ median node-llama-cpp decode tok/s (the two medians may come from different repetitions) |`,
    `| local_decode_ratio_median_gap | ${fmt(result.local_decode_ratio_median_gap, 3)} | node-llama-cpp median time between two tokens ÷ EdgeRouter's; a cross-check that ignores stalls caused by other processes |`,
    END,
  ].join('\n');
}

function writeSection(path, section) {
  const heading = '## Local generation vs node-llama-cpp';
  let doc = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start >= 0 && end > start) {
    doc = doc.slice(0, start) + section + doc.slice(end + END.length);
  } else {
    doc = `${doc.trimEnd()}\n\n${heading}\n\n${section}\n`;
  }
  writeFileSync(path, doc);
}
