// The in-process peer: node-llama-cpp 3.22.1 on the same prebuilt llama.cpp v0.5.0 libraries EdgeRouter loads.
// Used as a module by bench-local.mjs; run on its own it prints one JSON object:
//   node bench/node/local.mjs --model M.gguf --prompt-file P.txt [--tokens 64] [--reps 3] [--threads 2] [--ctx 1024]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import { median, parseArgs, percentile } from './stats.mjs';

/** Root folder of an installed package (found from its entry point, since package.json is not exported). */
function packageRoot(name) {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package root of ${name}`);
    dir = parent;
  }
  return dir;
}

const platform = `linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}`;

/** Directory of the prebuilt binaries node-llama-cpp loads (the platform package of this machine). */
export function prebuiltBinsDir() {
  return join(packageRoot(`@node-llama-cpp/${platform}`), 'bins', platform);
}

/**
 * Loads the model once. settings: { model, threads, ctx, batch }. Returns a peer with info and run(prompt, n).
 */
export async function createLocalPeer({ model, threads, ctx, batch }) {
  const logLines = [];
  const llama = await getLlama({
    gpu: false,
    build: 'never', // only the prebuilt @node-llama-cpp/linux-* binaries: the same files as runtime/<rid>
    usePrebuiltBinaries: true,
    skipDownload: true,
    progressLogs: false,
    maxThreads: threads,
    // "log" level while loading, to catch ggml's "load_backend: loaded CPU backend from <file>"; warn afterwards.
    logLevel: LlamaLogLevel.log,
    logger: (level, message) => { if (logLines.length < 2000) logLines.push(`${level}: ${message}`); },
  });
  const llamaModel = await llama.loadModel({ modelPath: model, gpuLayers: 0 });
  const context = await llamaModel.createContext({
    contextSize: ctx,
    batchSize: batch,
    threads: { ideal: threads, min: threads },
    flashAttention: 'auto', // llama.cpp's own default (LLAMA_FLASH_ATTN_TYPE_AUTO), as a plain llama_context_default_params()
    sequences: 1,
  });
  const sequence = context.getSequence();
  llama.logLevel = LlamaLogLevel.warn;
  const backendLine = logLines.map(l => /loaded CPU backend from (\S+)/.exec(l)).find(Boolean);

  const info = {
    engine: 'node-llama-cpp',
    version: readPackageVersion('node-llama-cpp'),
    build_type: llama.buildType,
    llama_cpp_release: llama.llamaCppRelease?.release,
    gpu: llama.gpu,
    bins_dir: prebuiltBinsDir(),
    cpu_backend: backendLine ? backendLine[1] : null,
    system_info: llama.systemInfo,
    context_size: context.contextSize,
    batch_size: context.batchSize,
    threads: context.currentThreads,
    flash_attention: context.flashAttention,
    add_bos: llamaModel.tokens.shouldPrependBosToken,
  };

  /** Raw prompt tokens as llama_tokenize(add_special=true, parse_special=false) gives them: BOS if the vocab wants it. */
  function tokenizePrompt(prompt) {
    const tokens = llamaModel.tokenize(prompt, false);
    const bos = llamaModel.tokens.bos;
    return llamaModel.tokens.shouldPrependBosToken && bos != null ? [bos, ...tokens] : tokens;
  }

  /**
   * One greedy generation of exactly n tokens from an empty sequence.
   * ttft = evaluate start -> first generated token; decode tok/s = (n-1) / (t_last - t_first).
   */
  async function run(prompt, n) {
    await sequence.clearHistory();
    const promptTokens = tokenizePrompt(prompt);
    const generated = [];
    let eogAt = -1;
    const t0 = performance.now();
    let tFirst = 0;
    let tLast = 0;
    const gaps = [];
    for await (const token of sequence.evaluate(promptTokens, { temperature: 0 })) {
      const now = performance.now();
      if (generated.length === 0) tFirst = now;
      else gaps.push(now - tLast);
      tLast = now;
      if (eogAt < 0 && llamaModel.isEogToken(token)) eogAt = generated.length;
      generated.push(token);
      if (generated.length >= n) break; // evaluate() never stops on its own at end of generation
    }
    const ttftMs = tFirst - t0;
    const decodeMs = tLast - tFirst;
    return {
      prompt_tokens: promptTokens.length,
      generated_tokens: generated.length,
      eog_at: eogAt, // index of the first end-of-generation token, -1 if none
      ttft_ms: ttftMs,
      decode_ms: decodeMs,
      prefill_tps: promptTokens.length / (ttftMs / 1000),
      decode_tps: (generated.length - 1) / (decodeMs / 1000),
      gap_p50_ms: median(gaps),
      gap_p90_ms: percentile(gaps, 0.9),
      text: llamaModel.detokenize(generated),
      tokens: generated,
    };
  }

  return {
    info,
    tokenizePrompt,
    run,
    async dispose() {
      await context.dispose();
      await llamaModel.dispose();
      await llama.dispose();
    },
  };
}

function readPackageVersion(name) {
  return JSON.parse(readFileSync(join(packageRoot(name), 'package.json'), 'utf8')).version;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2), { tokens: 64, reps: 3, threads: 2, ctx: 1024, batch: 512 });
  if (!args.model || !args['prompt-file']) {
    console.error('usage: node local.mjs --model M.gguf --prompt-file P.txt [--tokens 64] [--reps 3] [--threads 2] [--ctx 1024] [--batch 512]');
    process.exit(2);
  }
  const prompt = readFileSync(args['prompt-file'], 'utf8');
  const peer = await createLocalPeer({ model: args.model, threads: +args.threads, ctx: +args.ctx, batch: +args.batch });
  console.error(`node-llama-cpp ${peer.info.version}, llama.cpp ${peer.info.llama_cpp_release} (${peer.info.build_type}), ` +
    `backend ${peer.info.cpu_backend}, threads ${peer.info.threads}`);
  await peer.run(prompt, +args.tokens); // warm-up
  const runs = [];
  for (let i = 0; i < +args.reps; i++) {
    const r = await peer.run(prompt, +args.tokens);
    delete r.tokens;
    runs.push(r);
    console.error(`rep ${i + 1}: ttft ${r.ttft_ms.toFixed(1)} ms, decode ${r.decode_tps.toFixed(2)} tok/s`);
  }
  await peer.dispose();
  console.log(JSON.stringify({
    ...peer.info,
    prompt_tokens: runs[0].prompt_tokens,
    ttft_ms: median(runs.map(r => r.ttft_ms)),
    decode_tps: median(runs.map(r => r.decode_tps)),
    prefill_tps: median(runs.map(r => r.prefill_tps)),
    runs,
  }));
}
