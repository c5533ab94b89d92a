// EdgeRouter against llama.cpp's own llama-server (built from the same llama.cpp commit and linked to the same
// prebuilt libraries by scripts/bench-llama-server.sh), same model, threads, context and prompts, in interleaved
// rounds: start-to-ready, RSS with the model loaded, cold TTFT, prompt tok/s, decode tok/s over HTTP streaming,
// second-turn TTFT of an agent-shaped conversation (our prefix reuse vs llama-server's cache_prompt), llama-bench's
// no-HTTP decode ceiling, grammar-constrained decode (both servers' /v1/chat/completions with the same
// response_format json_schema, against each one's plain decode of the same messages); embeddings are bench/node/embeddings.mjs.
// Prints progress on stderr and one JSON object on stdout.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeConnections, generate } from './router.mjs';
import { chatStream, closeChatConnections } from './chat.mjs';
import { applyTemplate, closeLlamaServerConnections, completion, startLlamaServer } from './llama-server.mjs';
import { memory, startRouter } from './process.mjs';
import { backgroundCpuPercent, cpuSnapshot, median, parseArgs, round } from './stats.mjs';

const args = parseArgs(process.argv.slice(2), { rounds: 3, tokens: 64, threads: 2, ctx: 1024, batch: 512, 'turn-tokens': 16, 'grammar-tokens': 48 });
const log = (...a) => console.error('bench-peers:', ...a);
const n = +args.tokens;
const rounds = +args.rounds;
const threads = String(args.threads);
const ctx = String(args.ctx);
const server = join(args['llama-dir'], 'llama-server');
const benchBin = join(args['llama-dir'], 'llama-bench');
const basePrompt = readFileSync(args['prompt-file'], 'utf8').trim();
const FIRST_WORDS = ['The', 'What', 'How', 'This', 'We', 'It', 'You', 'Hello', 'A', 'Hi', 'So', 'And'];
const promptFor = k => `${FIRST_WORDS[k % FIRST_WORDS.length]} ${basePrompt}`;
// An agent sends its whole context every turn: system prompt and tool descriptions (long, shared), then the turns.
const TOOLS = ['read_file', 'write_file', 'search', 'run_tests', 'list_directory'];
const agentPrefix = k => `${FIRST_WORDS[k % FIRST_WORDS.length]} system: you are a coding agent. ` +
  TOOLS.map(t => `Tool ${t}: ${basePrompt}`).join(' ') + ' user: please find the water and tell me the story.';
const SECOND_TURN = ' assistant: I will look for it first. user: thank you, now write a short answer about the people.';

const routerArgs = ['--model', args.model, '--ctx', ctx, '--threads', threads, '--batch', String(args.batch)];
// One slot like the router's gate (llama-server's default is several slots sharing the context), the same context,
// threads for prompt and decode, batch; everything else at llama-server's defaults (including its warm-up decode).
const serverArgs = ['-m', args.model, '-c', ctx, '-t', threads, '-tb', threads, '-b', String(args.batch), '-np', '1'];

const ready = { edgerouter: [], llama_server: [] };
const rss = { edgerouter: [], llama_server: [] };
const rssLoaded = { edgerouter: [], llama_server: [] };
const runs = { edgerouter: [], llama_server: [] };
const turn2 = { edgerouter: [], llama_server: [] };
const turn1 = { edgerouter: [], llama_server: [] };
// Grammar-constrained decode, per side: plain and constrained runs of the same chat messages in the same process.
const grammarRuns = { edgerouter: [], llama_server: [] };
const numbersRuns = { edgerouter: [], llama_server: [] };
const plainRuns = { edgerouter: [], llama_server: [] };
let serverLogHead = '';
let background = [];

const SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' }, people: { type: 'array', items: { type: 'string' } }, count: { type: 'integer' } },
  required: ['answer', 'people', 'count'],
};
// The worst case for a grammar on random weights: every position is structural (digits, commas, whitespace), so the
// model's first choice is refused at nearly every token; minItems keeps it from closing within max_tokens.
const NUMBERS_SCHEMA = { type: 'array', items: { type: 'integer' }, minItems: 64 };
const grammarMessages = k => [{ role: 'user', content: `Answer as JSON with the answer, the people and their count. ${promptFor(200 + k)}` }];

/**
 * The same messages without and with a JSON schema, back to back, order alternating by round so that drift does not
 * always favour one. Ours: /v1/chat/completions with `response_format` json_schema. llama-server: this build's chat
 * path fails to set up any response_format grammar ("Failed to initialize samplers" for its template-wrapped root
 * rule), so it gets the prompt its own template renders for the same messages (/apply-template) on /completion with
 * `json_schema`: the same grammar converter and sampler, without the chat wrapper. Both sides are greedy with the same
 * max_tokens; a constrained answer may end early when the grammar completes, so rates are over the tokens actually
 * generated and the counts are kept.
 */
async function measureGrammar(side, base, k) {
  const n = +args['grammar-tokens'];
  const plainFirst = k % 2 === 0;
  const prompt = side === 'llama_server' ? await applyTemplate(base, grammarMessages(k)) : null;
  const one = schema => (side === 'llama_server'
    ? completion(base, prompt, n, { schema })
    : chatStream(base, grammarMessages(k), n, { schema }));
  await one(SCHEMA); // warm-up: the first constrained request builds per-engine tables (and llama-server's own)
  const a = await one(plainFirst ? null : SCHEMA);
  const b = await one(plainFirst ? SCHEMA : null);
  const [plain, constrained] = plainFirst ? [a, b] : [b, a];
  const numbers = await one(NUMBERS_SCHEMA);
  constrained.valid = validAnswer(constrained);
  plainRuns[side].push(plain); grammarRuns[side].push(constrained); numbersRuns[side].push(numbers);
  return `json_schema decode ${constrained.decode_tps.toFixed(2)} tok/s (${constrained.generated_tokens} tok, ${constrained.finish_reason}` +
    `${constrained.valid === false ? ', INVALID JSON' : ''}) vs plain ${plain.decode_tps.toFixed(2)} (${plain.generated_tokens} tok); ` +
    `integer array ${numbers.decode_tps.toFixed(2)} tok/s (${numbers.generated_tokens} tok)`;
}

// A finished constrained answer must parse and carry the required keys with the right types; a cut-off one
// (finish_reason length) cannot parse and is reported as null, not as invalid.
function validAnswer(r) {
  if (r.finish_reason !== 'stop') return null;
  try {
    const v = JSON.parse(r.text);
    return typeof v.answer === 'string' && Array.isArray(v.people) && v.people.every(p => typeof p === 'string') && Number.isInteger(v.count);
  } catch {
    return false;
  }
}

async function measureRouter(k) {
  const r = await startRouter(args['router-bin'], routerArgs);
  try {
    ready.edgerouter.push(r.readyMs);
    await new Promise(res => setTimeout(res, 1000));
    rss.edgerouter.push(memory(r.proc.pid).rss);
    const before = cpuSnapshot([r.proc.pid]);
    await generate(r.base, promptFor(100 + k), 8); // warm-up: touches the weights, as llama-server's own warm-up does
    const g = await generate(r.base, promptFor(k), n);
    if (g.generated_tokens < n) throw new Error(`EdgeRouter stopped after ${g.generated_tokens} tokens (done_reason ${g.done_reason})`);
    runs.edgerouter.push(g);
    rssLoaded.edgerouter.push(memory(r.proc.pid).rss);
    const t1 = await generate(r.base, agentPrefix(k), +args['turn-tokens']);
    const t2 = await generate(r.base, agentPrefix(k) + SECOND_TURN, +args['turn-tokens']);
    turn1.edgerouter.push(t1); turn2.edgerouter.push(t2);
    background.push(backgroundCpuPercent(before, cpuSnapshot([r.proc.pid])));
    const grammarLine = await measureGrammar('edgerouter', r.base, k);
    log(`round ${k + 1} EdgeRouter  : ready ${r.readyMs.toFixed(0)} ms, RSS ${(rssLoaded.edgerouter.at(-1) / 1048576).toFixed(1)} MiB, ` +
      `ttft ${g.ttft_ms.toFixed(1)} ms (${g.prompt_tokens} tok), decode ${g.decode_tps.toFixed(2)} tok/s; agent turn 1 ttft ${t1.ttft_ms.toFixed(1)} ms ` +
      `(${t1.prompt_tokens} tok), turn 2 ttft ${t2.ttft_ms.toFixed(1)} ms (${t2.prompt_tokens} tok); ${grammarLine}`);
  } finally {
    closeConnections();
    closeChatConnections();
    await r.stop();
  }
}

// LLamaSharp 0.30.0 in process (bench/LLamaSharpPeer, AVX level forced): one warm-up and one measured run per round.
const llamaSharp = [];
function measureLlamaSharp(k) {
  if (!args.llamasharp) return;
  try {
    const out = execFileSync(args.llamasharp, ['--model', args.model, '--prompt-file', args['prompt-file'], '--tokens', String(n),
      '--threads', threads, '--ctx', ctx, '--reps', '1', '--warmup', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    const r = JSON.parse(out.trim().split('\n').pop());
    llamaSharp.push(r);
    log(`round ${k + 1} LLamaSharp  : ${r.avx_level}, ${r.native_library}, ttft ${r.ttft_ms} ms, decode ${r.decode_tps} tok/s`);
  } catch (e) {
    log(`LLamaSharp peer failed: ${String(e.stderr ?? e.message).split('\n').slice(0, 3).join(' ')}`);
  }
}

async function measureServer(k) {
  const s = await startLlamaServer(server, serverArgs);
  try {
    ready.llama_server.push(s.readyMs);
    if (!serverLogHead) serverLogHead = s.log();
    await new Promise(res => setTimeout(res, 1000));
    rss.llama_server.push(memory(s.proc.pid).rss);
    await completion(s.base, promptFor(100 + k), 8);
    const c = await completion(s.base, promptFor(k), n);
    runs.llama_server.push(c);
    rssLoaded.llama_server.push(memory(s.proc.pid).rss);
    const t1 = await completion(s.base, agentPrefix(k), +args['turn-tokens']);
    const t2 = await completion(s.base, agentPrefix(k) + SECOND_TURN, +args['turn-tokens']);
    turn1.llama_server.push(t1); turn2.llama_server.push(t2);
    const grammarLine = await measureGrammar('llama_server', s.base, k);
    log(`round ${k + 1} llama-server: ready ${s.readyMs.toFixed(0)} ms, RSS ${(rssLoaded.llama_server.at(-1) / 1048576).toFixed(1)} MiB, ` +
      `ttft ${c.ttft_ms.toFixed(1)} ms (${c.prompt_tokens} tok), decode ${c.decode_tps.toFixed(2)} tok/s; agent turn 1 ttft ${t1.ttft_ms.toFixed(1)} ms ` +
      `(${t1.prompt_tokens} tok), turn 2 ttft ${t2.ttft_ms.toFixed(1)} ms (${t2.prompt_n ?? t2.server_prompt_n} evaluated, ${t2.cached_tokens} cached); ` +
      grammarLine);
  } finally {
    closeLlamaServerConnections();
    closeChatConnections();
    await s.stop();
  }
}

// ---- interleaved rounds: the order alternates so that a burst of background load does not always hit one side ----
for (let k = 0; k < rounds; k++) {
  if (k % 2 === 0) { await measureRouter(k); await measureServer(k); measureLlamaSharp(k); } else { measureLlamaSharp(k); await measureServer(k); await measureRouter(k); }
}

// ---- llama-bench: the same libraries without HTTP, the ceiling both servers approach ---------------------------------
let ceiling = null;
try {
  const out = execFileSync(benchBin, ['-m', args.model, '-t', threads, '-p', '0', '-n', String(n), '-r', '3', '-o', 'json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 600_000 });
  const tg = JSON.parse(out).find(r => r.n_gen > 0);
  ceiling = { decode_tps: round(tg.avg_ts, 2), stddev_tps: round(tg.stddev_ts, 2), cpu_info: tg.cpu_info, backends: tg.backends };
  log(`llama-bench tg${n}: ${ceiling.decode_tps} ± ${ceiling.stddev_tps} tok/s`);
} catch (e) {
  log(`llama-bench failed: ${e.message.split('\n')[0]}`);
}

// ---- figures: ratios within each round (EdgeRouter ÷ llama-server), median over rounds -------------------------------
const paired = (a, b, f) => median(a.map((x, i) => f(x) / f(b[i])));
const med = (xs, f = x => x) => median(xs.map(f));
const backendOf = text => /(libggml-cpu-[\w.]+\.so)/.exec(text)?.[1] ?? null;
const result = {
  bench: 'peers',
  decode_vs_llama_server: round(paired(runs.edgerouter, runs.llama_server, r => r.decode_tps), 3),
  prompt_vs_llama_server: round(paired(runs.edgerouter, runs.llama_server, r => r.prefill_tps), 3),
  ttft_vs_llama_server: round(paired(runs.edgerouter, runs.llama_server, r => r.ttft_ms), 3),
  first_turn_ttft_vs_llama_server: round(paired(turn1.edgerouter, turn1.llama_server, r => r.ttft_ms), 3),
  second_turn_ttft_vs_llama_server: round(paired(turn2.edgerouter, turn2.llama_server, r => r.ttft_ms), 3),
  rss_vs_llama_server: round(paired(rssLoaded.edgerouter, rssLoaded.llama_server, x => x), 3),
  idle_rss_vs_llama_server: round(paired(rss.edgerouter, rss.llama_server, x => x), 3),
  ready_vs_llama_server: round(paired(ready.edgerouter, ready.llama_server, x => x), 3),
  ...grammarFigures(),
  decode_of_ceiling: {
    edgerouter: ceiling ? round(med(runs.edgerouter, r => r.decode_tps) / ceiling.decode_tps, 3) : null,
    llama_server: ceiling ? round(med(runs.llama_server, r => r.decode_tps) / ceiling.decode_tps, 3) : null,
  },
  edgerouter: { ...summarize('edgerouter'), ...grammarSummary('edgerouter') },
  llama_server: {
    ...summarize('llama_server'),
    ...grammarSummary('llama_server'),
    second_turn_cached_tokens: med(turn2.llama_server, r => r.cached_tokens),
    cpu_backend: backendOf(serverLogHead),
    args: serverArgs.map(a => (a === args.model ? '<model>' : a)).join(' '),
  },
  llama_bench: ceiling,
  // EdgeRouter over HTTP ÷ LLamaSharp in process, decode tok/s, paired by round (LLamaSharp runs its own llama.cpp build).
  decode_vs_llamasharp: llamaSharp.length === runs.edgerouter.length && llamaSharp.length
    ? round(paired(runs.edgerouter, llamaSharp, r => r.decode_tps), 3) : null,
  llamasharp: llamaSharp.length ? { decode_tps: round(med(llamaSharp, r => r.decode_tps), 2), ttft_ms: round(med(llamaSharp, r => r.ttft_ms), 1),
    avx_level: llamaSharp[0].avx_level, native_library: llamaSharp[0].native_library, load_ms: round(med(llamaSharp, r => r.load_ms), 1) } : null,
  settings: { threads: +threads, ctx: +ctx, batch: +args.batch, tokens: n, grammar_tokens: +args['grammar-tokens'], rounds, turn_tokens: +args['turn-tokens'],
    prompt_tokens: med(runs.edgerouter, r => r.prompt_tokens), agent_prefix_tokens: med(turn1.edgerouter, r => r.prompt_tokens),
    second_turn_tokens: med(turn2.edgerouter, r => r.prompt_tokens) },
  background_cpu_pct: round(median(background.filter(Number.isFinite)), 1),
};
function grammarFigures() {
  const ours = grammarRuns.edgerouter;
  const invalid = ours.filter(r => r.valid === false).length;
  return {
    grammar_decode_vs_plain: round(paired(ours, plainRuns.edgerouter, r => r.decode_tps), 3),
    grammar_decode_vs_llama_server: round(paired(ours, grammarRuns.llama_server, r => r.decode_tps), 3),
    llama_server_grammar_decode_vs_plain: round(paired(grammarRuns.llama_server, plainRuns.llama_server, r => r.decode_tps), 3),
    // No goal: every token of an integer array is a refusal on random weights (the figure that moved from 0.6-0.75).
    grammar_worst_case_vs_plain: round(paired(numbersRuns.edgerouter, plainRuns.edgerouter, r => r.decode_tps), 3),
    grammar_worst_case_vs_llama_server: round(paired(numbersRuns.edgerouter, numbersRuns.llama_server, r => r.decode_tps), 3),
    // Finished constrained answers of ours that did not parse or validate (must be 0).
    grammar_invalid_answers: invalid,
  };
}
function grammarSummary(side) {
  return {
    grammar_decode_tps: round(med(grammarRuns[side], r => r.decode_tps), 2),
    grammar_tokens: grammarRuns[side].map(r => r.generated_tokens),
    grammar_finish: grammarRuns[side].map(r => r.finish_reason),
    grammar_plain_decode_tps: round(med(plainRuns[side], r => r.decode_tps), 2),
    grammar_plain_tokens: plainRuns[side].map(r => r.generated_tokens),
    grammar_prompt_tokens: med(grammarRuns[side], r => r.prompt_tokens),
    grammar_sample: grammarRuns[side][0]?.text.slice(0, 120),
    grammar_worst_case_decode_tps: round(med(numbersRuns[side], r => r.decode_tps), 2),
    grammar_worst_case_tokens: numbersRuns[side].map(r => r.generated_tokens),
    grammar_worst_case_sample: numbersRuns[side][0]?.text.slice(0, 80),
  };
}
function summarize(side) {
  return {
    ready_ms: round(med(ready[side]), 1),
    idle_rss_bytes: med(rss[side]),
    loaded_rss_bytes: med(rssLoaded[side]),
    ttft_ms: round(med(runs[side], r => r.ttft_ms), 1),
    prefill_tps: round(med(runs[side], r => r.prefill_tps), 1),
    decode_tps: round(med(runs[side], r => r.decode_tps), 2),
    gap_p50_ms: round(med(runs[side], r => r.gap_p50_ms), 2),
    turn1_ttft_ms: round(med(turn1[side], r => r.ttft_ms), 1),
    turn2_ttft_ms: round(med(turn2[side], r => r.ttft_ms), 1),
    rounds: runs[side].map((r, i) => ({ ttft_ms: round(r.ttft_ms, 1), decode_tps: round(r.decode_tps, 2),
      turn2_ttft_ms: round(turn2[side][i]?.ttft_ms, 1), ready_ms: round(ready[side][i], 1), rss_bytes: rssLoaded[side][i] })),
  };
}
const tokenMismatch = runs.edgerouter.some((r, i) => r.prompt_tokens !== runs.llama_server[i].prompt_tokens);
if (tokenMismatch) {
  result.prompt_token_mismatch = runs.edgerouter.map((r, i) => [r.prompt_tokens, runs.llama_server[i].prompt_tokens]);
  log('WARNING: the prompt tokenizes to different lengths on the two servers');
}
console.log(JSON.stringify(result));
