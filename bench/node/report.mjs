// Turns the JSON files of one scripts/bench.sh run into the figures of issue #7: prints a table, optionally rewrites
// the generated section of docs/BENCHMARKS.md and the scaling chart, and prints one JSON object as its last line.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scalingSvg } from './chart.mjs';
import { median, parseArgs } from './stats.mjs';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const args = parseArgs(process.argv.slice(2));
const read = name => JSON.parse(readFileSync(join(args.results, name), 'utf8'));
const round = (v, d = 0) => (Number.isFinite(v) ? +v.toFixed(d) : null);

const local = read('local.json');
const alloc = read('alloc.json');
const failfast = read('failfast.json');
const footprint = read('footprint.json');
const aot = read('aot.json');
const scaling = read('scaling.json');
const peers = read('peers.json');
const embeddings = read('embeddings.json');
const spare = Array.from({ length: Number(args['spare-rounds'] ?? 1) }, (_, i) => read(`spare-r${i + 1}.json`));
// Per round, both peers under the same flood while the same generation runs; the figure is the median over rounds.
const spareMedian = f => median(spare.map(f));
const rates = String(args['proxy-rates']).split(' ').map(Number);
const proxyPeers = ['direct', 'nginx', 'portkey', 'edgerouter'];
const rounds = Number(args['proxy-rounds'] ?? 1);
// Each percentile is the median over the rounds (peers interleaved within a round); counts are summed.
const mergeRounds = runs => Object.fromEntries(Object.keys(runs[0]).map(key => [key,
  ['counted', 'ok', 'non_2xx', 'failed', 'seconds'].includes(key)
    ? runs.reduce((sum, r) => sum + r[key], 0)
    : Math.round(median(runs.map(r => r[key])))]));
const proxy = {};
for (const rate of rates) {
  for (const kind of ['json', 'sse']) {
    for (const peer of proxyPeers) {
      proxy[`${peer}-${kind}-${rate}`] = mergeRounds(Array.from({ length: rounds }, (_, i) => read(`proxy-${peer}-${kind}-${rate}-r${i + 1}.json`)));
      // CPU per request of the peer's own processes: ticks over the load (1 s warm-up + the measured seconds) ÷ requests sent.
      proxy[`${peer}-${kind}-${rate}`].cpu_us_per_request = Math.round(median(Array.from({ length: rounds }, (_, i) => {
        try { return +readFileSync(join(args.results, `proxy-${peer}-${kind}-${rate}-r${i + 1}.ticks`), 'utf8') * 10_000 / (rate * (+args['proxy-seconds'] + 1)); } catch { return NaN; }
      })));
    }
  }
}
// Headline proxy figures come from the highest rate; every rate is in the table.
const headline = Math.max(...rates);
const added = (peer, kind, rate, key) => proxy[`${peer}-${kind}-${rate}`][key] - proxy[`direct-${kind}-${rate}`][key];
// A ratio of added latencies means nothing when either side added none: an added p99 of zero or less is the noise
// of the direct path's own p99, and the run cannot resolve the ratio (null; the verdict says so).
const ratio = (a, b) => (a > 0 && b > 0 ? round(a / b, 2) : null);
const errorsAt = rate => proxyPeers.flatMap(p => ['json', 'sse'].map(k => proxy[`${p}-${k}-${rate}`]))
  .reduce((n, r) => n + r.non_2xx + r.failed, 0);

const figures = {
  decode_vs_llama_server: peers.decode_vs_llama_server,
  prompt_vs_llama_server: peers.prompt_vs_llama_server,
  ttft_vs_llama_server: peers.ttft_vs_llama_server,
  second_turn_ttft_vs_llama_server: peers.second_turn_ttft_vs_llama_server,
  rss_vs_llama_server: peers.rss_vs_llama_server,
  ready_vs_llama_server: peers.ready_vs_llama_server,
  grammar_decode_vs_plain: peers.grammar_decode_vs_plain,
  grammar_decode_vs_llama_server: peers.grammar_decode_vs_llama_server,
  grammar_invalid_answers: peers.grammar_invalid_answers,
  llama_server_grammar_decode_vs_plain: peers.llama_server_grammar_decode_vs_plain,
  grammar_worst_case_vs_plain: peers.grammar_worst_case_vs_plain,
  grammar_worst_case_vs_llama_server: peers.grammar_worst_case_vs_llama_server,
  embeddings_vs_llama_server: embeddings.embeddings_vs_llama_server,
  embeddings_vs_llama_server_reason: embeddings.embeddings_vs_llama_server_reason,
  decode_vs_llamasharp: peers.decode_vs_llamasharp,
  refusal_cpu_vs_nginx: round(spareMedian(r => r.refusal_cpu_us_per_refusal / r.peer.cpu_us_per_refusal), 2),
  refusal_cpu_us: round(spareMedian(r => r.refusal_cpu_us_per_refusal), 1),
  nginx_refusal_cpu_us: round(spareMedian(r => r.peer.cpu_us_per_refusal), 1),
  decode_slowdown_spare_core: round(spareMedian(r => r.decode_slowdown_under_rejects), 3),
  nginx_decode_slowdown_spare_core: round(spareMedian(r => r.peer.decode_slowdown), 3),
  reject_rps_spare_core: Math.round(spareMedian(r => r.reject_rps)),
  reject_p99_us_spare_core: Math.round(spareMedian(r => r.reject_p99_us)),
  nginx_reject_rps: Math.round(spareMedian(r => r.peer.reject_rps)),
  nginx_reject_p99_us: Math.round(spareMedian(r => r.peer.reject_p99_us)),
  local_decode_ratio: local.local_decode_ratio,
  local_prefill_ratio: local.local_prefill_ratio,
  ttft_overhead_ms: local.ttft_overhead_ms,
  ttft_vs_node_ms: local.ttft_vs_node_ms,
  ttft_over_prompt_eval_ms: local.ttft_over_prompt_eval_ms,
  ttft_http_floor_ms: local.ttft_http_floor_ms,
  decode_alloc_bytes_per_token: alloc.bytes_per_token,
  proxy_p50_us: added('edgerouter', 'json', headline, 'p50_us'),
  proxy_p99_us: added('edgerouter', 'json', headline, 'p99_us'),
  proxy_vs_nginx_p99: ratio(added('edgerouter', 'json', headline, 'p99_us'), added('nginx', 'json', headline, 'p99_us')),
  proxy_vs_portkey_p99: ratio(added('edgerouter', 'json', headline, 'p99_us'), added('portkey', 'json', headline, 'p99_us')),
  proxy_cpu_us_per_request: proxy[`edgerouter-json-${headline}`].cpu_us_per_request,
  nginx_proxy_cpu_us_per_request: proxy[`nginx-json-${headline}`].cpu_us_per_request,
  proxy_vs_nginx_p90: ratio(added('edgerouter', 'json', headline, 'p90_us'), added('nginx', 'json', headline, 'p90_us')),
  stream_first_byte_added_us: added('edgerouter', 'sse', headline, 'first_byte_p50_us'),
  reject_rps: failfast.reject_rps,
  reject_p99_us: failfast.reject_p99_us,
  decode_slowdown_under_rejects: failfast.decode_slowdown_under_rejects,
  aot_binary_bytes: aot.aot_binary_bytes,
  idle_rss_bytes: footprint.idle_rss_bytes,
  ready_ms: footprint.ready_ms,
  scaling: scaling.models.map(m => ({ shape: m.shape, decode_tps: m.decode_tps, rss_bytes: m.rss_bytes, bandwidth_bound_tps: m.bandwidth_bound_tps })),
};

const goals = [
  ['decode_vs_llama_server', v => v >= 1.0, '≥ 1.0', v => `${round((1 - v) * 100, 1)} % below`],
  ['ttft_vs_llama_server', v => v <= 1.0, '≤ 1.0', v => `${round((v - 1) * 100, 1)} % over`],
  ['second_turn_ttft_vs_llama_server', v => v <= 1.0, '≤ 1.0', v => `${round((v - 1) * 100, 1)} % over`],
  ['rss_vs_llama_server', v => v <= 1.1, '≤ 1.1', v => `${round((v - 1.1) * 100, 1)} points over`],
  ['ready_vs_llama_server', v => v <= 1.0, '≤ 1.0', v => `${round((v - 1) * 100, 1)} % over`],
  ['grammar_decode_vs_plain', v => v >= 0.95, '≥ 0.95', v => `${round((0.95 - v) * 100, 1)} points below`],
  ['grammar_decode_vs_llama_server', v => v >= 1.0, '≥ 1.0', v => `${round((1 - v) * 100, 1)} % below`],
  ['grammar_invalid_answers', v => v === 0, '0', v => `${v} answers`],
  ['embeddings_vs_llama_server', v => v >= 1.0, '≥ 1.0', v => `${round((1 - v) * 100, 1)} % below`],
  ['refusal_cpu_vs_nginx', v => v <= 1.5, '≤ 1.5', v => `${round(v / 1.5, 2)}× the goal`],
  ['decode_slowdown_spare_core', v => v <= 0.10, '≤ 0.10', v => `${round((v - 0.1) * 100, 1)} points over`],
  ['local_decode_ratio', v => v >= 1.2, '≥ 1.2', v => `${round((1.2 - v) / 1.2 * 100, 1)} % below`],
  ['ttft_overhead_ms', v => v <= 2, '≤ 2 ms', v => `${round(v - 2, 1)} ms over`],
  ['decode_alloc_bytes_per_token', v => v === 0, '0 B', v => `${v} B per token`],
  ['proxy_vs_nginx_p99', v => v <= 1.5, '≤ 1.5', v => `${round(v / 1.5, 2)}× the goal`],
  ['proxy_vs_portkey_p99', v => v <= 0.5, '≤ 0.5', v => `${round(v / 0.5, 2)}× the goal`],
  ['stream_first_byte_added_us', v => v <= 1000, '≤ 1000 µs', v => `${v - 1000} µs over`],
  ['reject_rps', v => v >= 20000, '≥ 20,000/s', v => `${round((1 - v / 20000) * 100, 1)} % below`],
  ['reject_p99_us', v => v <= 1000, '≤ 1000 µs', v => `${round(v / 1000, 1)}× the goal`],
  ['decode_slowdown_under_rejects', v => v <= 0.10, '≤ 0.10', v => `${round((v - 0.1) * 100, 1)} points over`],
  ['aot_binary_bytes', v => v <= 20_000_000, '≤ 20 MB', v => `${v - 20_000_000} bytes over`],
  ['idle_rss_bytes', v => v <= 40_000_000, '≤ 40 MB', v => `${v - 40_000_000} bytes over`],
  ['ready_ms', v => v <= 300, '≤ 300 ms', v => `${round(v - 300)} ms over`],
];
const verdict = Object.fromEntries(goals.map(([k, ok, goal, miss]) => [k, Number.isFinite(figures[k])
  ? { goal, met: ok(figures[k]), miss: ok(figures[k]) ? null : miss(figures[k]) }
  : { goal, met: null, miss: figures[`${k}_reason`] ?? 'not resolvable in this run (an added p99 of zero or less is noise)' }]));

const fmtInt = v => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–');
const mib = b => `${(b / 1048576).toFixed(1)} MiB`;
const lines = [];
lines.push('| figure | value | goal | verdict | definition |');
lines.push('| --- | ---: | --- | --- | --- |');
const describe = {
  decode_vs_llama_server: 'EdgeRouter ÷ llama-server (same llama.cpp commit and libraries), decode tok/s over HTTP streaming, per-round ratio, median',
  prompt_vs_llama_server: 'same, prompt tok/s (prompt tokens ÷ client TTFT)',
  ttft_vs_llama_server: 'same, cold TTFT (a prompt neither server has seen)',
  second_turn_ttft_vs_llama_server: "same, TTFT of an agent's second turn (long shared prefix: our prefix reuse vs cache_prompt)",
  rss_vs_llama_server: 'same, RSS after the measured generation (model loaded and touched)',
  ready_vs_llama_server: 'same, exec → ready (/readyz vs /health 200; llama-server defaults include a warm-up decode)',
  grammar_decode_vs_plain: 'our decode with response_format json_schema ÷ our plain decode, same chat messages, same process, /v1/chat/completions streaming, per-round ratio, median (random weights: the worst case for a grammar)',
  grammar_decode_vs_llama_server: "our constrained decode ÷ llama-server's, same schema through each one's /v1/chat/completions response_format",
  llama_server_grammar_decode_vs_plain: "llama-server's constrained decode ÷ its own plain decode (no goal; for scale)",
  grammar_worst_case_vs_plain: 'our decode under an integer-array schema (minItems 64: every token refused at first on random weights) ÷ our plain decode (no goal)',
  grammar_worst_case_vs_llama_server: 'the same integer-array decode, ours ÷ llama-server (no goal)',
  grammar_invalid_answers: 'our finished constrained answers that did not parse or validate against the schema (must be 0)',
  embeddings_vs_llama_server: "our /v1/embeddings per second ÷ llama-server --embedding /v1/embeddings, batches of 32 short texts, same generated encoder model",
  decode_vs_llamasharp: 'EdgeRouter over HTTP ÷ LLamaSharp 0.30.0 in process (AVX level forced), decode tok/s, per-round ratio, median (no goal)',
  refusal_cpu_vs_nginx: 'CPU per refusal (own /proc accounting, decode threads excluded) ÷ nginx `return 503` CPU per refusal, same flood, same running decode',
  refusal_cpu_us: 'EdgeRouter CPU per refusal (µs), decode threads = cores − 1',
  nginx_refusal_cpu_us: 'nginx CPU per refusal (µs), same conditions',
  decode_slowdown_spare_core: '1 − decode tok/s during the flood ÷ quiet, decode threads = cores − 1',
  nginx_decode_slowdown_spare_core: 'the same slowdown with the flood sent to nginx instead (what the flood and client cost by themselves)',
  reject_rps_spare_core: 'refusals per second, decode threads = cores − 1',
  reject_p99_us_spare_core: 'p99 of those refusals (µs)',
  nginx_reject_rps: 'nginx refusals per second, same flood',
  nginx_reject_p99_us: 'nginx refusal p99 (µs)',
  local_decode_ratio: 'EdgeRouter over HTTP ÷ node-llama-cpp in process, decode tok/s (median of paired runs)',
  local_prefill_ratio: 'same, prompt tok/s',
  ttft_overhead_ms: "TTFT over HTTP − the engine's own time to the first token in the same request (Server-Timing ttft; median of runs)",
  ttft_vs_node_ms: 'TTFT over HTTP − node-llama-cpp TTFT in process (medians; includes the prefill difference)',
  ttft_over_prompt_eval_ms: 'TTFT over HTTP − prompt_eval_duration of the same request (also counts tokenization and the first pick)',
  ttft_http_floor_ms: 'the same client timing a stream from a bare node HTTP server: what any server shows here (part of ttft_overhead_ms)',
  decode_alloc_bytes_per_token: 'managed bytes the generating thread allocates per token in steady-state decode',
  proxy_p50_us: `EdgeRouter − direct, p50 latency of a JSON completion at ${headline}/s (µs)`,
  proxy_p99_us: `EdgeRouter − direct, p99 at ${headline}/s (µs)`,
  proxy_vs_nginx_p99: 'EdgeRouter added p99 ÷ nginx added p99',
  proxy_vs_portkey_p99: 'EdgeRouter added p99 ÷ Portkey added p99',
  proxy_vs_nginx_p90: 'EdgeRouter added p90 ÷ nginx added p90 (no goal; steadier than p99 on a shared VM)',
  proxy_cpu_us_per_request: `EdgeRouter CPU per proxied JSON request at ${headline}/s (own /proc accounting, µs)`,
  nginx_proxy_cpu_us_per_request: 'nginx (master + worker) CPU per proxied JSON request, same load (µs)',
  stream_first_byte_added_us: `EdgeRouter − direct, p50 first byte of an SSE stream at ${headline}/s (µs)`,
  reject_rps: '503s per second while the slot is busy and the queue full (wrk, 2 cores shared with the decode)',
  reject_p99_us: 'p99 latency of those 503s (µs)',
  decode_slowdown_under_rejects: '1 − decode tok/s during the flood ÷ in the quiet windows around it',
  aot_binary_bytes: 'Native AOT binary, without the llama.cpp libraries',
  idle_rss_bytes: 'RSS 1 s after /readyz, tiny model loaded',
  ready_ms: 'exec → /readyz 200, tiny model',
};
for (const [key, text] of Object.entries(describe)) {
  const v = figures[key];
  const shown = v === null || v === undefined ? 'null'  : key.endsWith('_bytes') ? `${fmtInt(v)} (${mib(v)})` : Number.isInteger(v) ? fmtInt(v) : String(v);
  const g = verdict[key];
  lines.push(`| ${key} | **${shown}** | ${g ? g.goal : '–'} | ${!g ? '–' : g.met ? 'met' : g.met === null ? g.miss : `**missed**: ${g.miss}`} | ${text} |`);
}

const proxyLines = ['| rate | body | peer | p50 µs | p90 µs | p99 µs | added p50 µs | added p90 µs | added p99 µs | first byte p50 / p99 µs | CPU µs / request | errors |', '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
for (const rate of rates) {
  for (const kind of ['json', 'sse']) {
    for (const peer of proxyPeers) {
      const r = proxy[`${peer}-${kind}-${rate}`];
      const a = peer === 'direct' ? '–' : fmtInt(added(peer, kind, rate, 'p50_us'));
      const b = peer === 'direct' ? '–' : fmtInt(added(peer, kind, rate, 'p99_us'));
      const c = peer === 'direct' ? '–' : fmtInt(added(peer, kind, rate, 'p90_us'));
      proxyLines.push(`| ${rate}/s | ${kind} | ${peer} | ${fmtInt(r.p50_us)} | ${fmtInt(r.p90_us)} | ${fmtInt(r.p99_us)} | ${a} | ${c} | ${b} | ${fmtInt(r.first_byte_p50_us)} / ${fmtInt(r.first_byte_p99_us)} | ${fmtInt(r.cpu_us_per_request)} | ${r.non_2xx + r.failed} |`);
    }
  }
}

const scaleLines = ['| model | weights | decode tok/s | RSS after decode | bandwidth bound tok/s | of bound |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
for (const m of scaling.models) {
  scaleLines.push(`| ${m.shape} (Q8_0) | ${mib(m.file_bytes)} | ${m.decode_tps} | ${mib(m.rss_bytes)} | ${m.bandwidth_bound_tps} | ${(m.fraction_of_bound * 100).toFixed(0)} % |`);
}

const m = local.machine ?? {};
const header = `Measured ${args.date} on ${m.nproc ?? '?'} cores (${m.cpu ?? '?'}, ${m.arch ?? '?'})${args.quick ? ', quick run' : ''}; ` +
  `${args.threads} compute threads; memory copy ${scaling.copy_mib_s} MiB/s (mbw).`;
const failLine = `Fail-fast detail: ${fmtInt(failfast.rejected)} requests refused by wrk (${failfast.wrk_threads} threads, ${failfast.wrk_connections} connections), ` +
  `p50 ${fmtInt(failfast.reject_p50_us)} µs, Retry-After ${failfast.retry_after}; decode ${failfast.decode_tps_quiet} tok/s quiet, ${failfast.decode_tps_during_rejects} tok/s during the flood.`;
const allocLine = `Allocation detail: ${fmtInt(alloc.allocated_bytes)} bytes over ${alloc.tokens_counted} tokens after 8 warm-up tokens ` +
  `(${alloc.gen0_collections} gen-0 collections), counted with GC.GetAllocatedBytesForCurrentThread on the generating thread (bench/EdgeRouter.Bench alloc).`;
const proxyNote = `Proxy detail: open-loop load at fixed rates (bench/EdgeRouter.Bench load, latency from the moment each request was due), ` +
  `${rounds} round${rounds > 1 ? 's' : ''} of ${args['proxy-seconds']} s per case after 1 s warm-up, peers interleaved within a round, ` +
  `each percentile the median over the rounds; errors across all peers: ${rates.map(r => `${errorsAt(r)} at ${r}/s`).join(', ')}.`;

const table = lines.join('\n');
const e0 = peers.edgerouter;
const peerLine = `llama-server detail: ${peers.llama_server.args}; backend ${peers.llama_server.cpu_backend ?? '?'}; ` +
  `${peers.settings.rounds} interleaved rounds (a fresh start of each server per round), ${peers.settings.tokens} tokens, ` +
  `prompt ${peers.settings.prompt_tokens} tokens, agent prefix ${peers.settings.agent_prefix_tokens} → second turn ${peers.settings.second_turn_tokens} tokens. ` +
  `Decode tok/s EdgeRouter ${peers.edgerouter.decode_tps} / llama-server ${peers.llama_server.decode_tps} / llama-bench (no HTTP) ${peers.llama_bench?.decode_tps ?? '–'}; ` +
  `TTFT ${peers.edgerouter.ttft_ms} / ${peers.llama_server.ttft_ms} ms; second turn ${peers.edgerouter.turn2_ttft_ms} / ${peers.llama_server.turn2_ttft_ms} ms; ` +
  `RSS ${mib(peers.edgerouter.loaded_rss_bytes)} / ${mib(peers.llama_server.loaded_rss_bytes)}; ready ${peers.edgerouter.ready_ms} / ${peers.llama_server.ready_ms} ms. ` +
  `Grammar (response_format json_schema, ${peers.settings.grammar_tokens} max tokens): EdgeRouter ${e0.grammar_decode_tps} tok/s vs its plain ${e0.grammar_plain_decode_tps} ` +
  `(tokens per round ${e0.grammar_tokens?.join('/')}, finish ${e0.grammar_finish?.join('/')}), llama-server ${peers.llama_server.grammar_decode_tps} vs its plain ` +
  `${peers.llama_server.grammar_plain_decode_tps} (tokens ${peers.llama_server.grammar_tokens?.join('/')}, finish ${peers.llama_server.grammar_finish?.join('/')}); ` +
  `invalid finished answers ${peers.grammar_invalid_answers}. Embeddings: ${embeddings.embeddings_vs_llama_server === null ? `null (${embeddings.embeddings_vs_llama_server_reason})` : `${embeddings.edgerouter_per_second}/s vs llama-server ${embeddings.llama_server_per_second}/s, ${embeddings.dims} dims, min cosine ${embeddings.min_cosine_vs_llama_server}`}.`;
console.log(`\n${header}\n\n${table}\n\n${peerLine}\n\n${proxyLines.join('\n')}\n\n${scaleLines.join('\n')}\n\n${failLine}\n${allocLine}\n`);

// ---- the lead table of docs/BENCHMARKS.md: each figure, each peer, the ratio, the goal, met or not, the command -----
const LEAD_START = '<!-- bench-lead:start -->';
const LEAD_END = '<!-- bench-lead:end -->';
const e = peers.edgerouter;
const l = peers.llama_server;
const sp = k => spareMedian(r => k(r));
const verdictOf = key => { const g = verdict[key]; return !g ? '–' : g.met ? 'met' : g.met === null ? `n/a: ${g.miss}` : `**missed** (${g.miss})`; };
const goalOf = key => verdict[key]?.goal ?? '–';
const cmd = `\`${args.command}\``;
const leadRows = [
  ['decode tok/s (HTTP streaming)', e.decode_tps, 'llama-server', l.decode_tps, 'decode_vs_llama_server'],
  ['prompt tok/s', e.prefill_tps, 'llama-server', l.prefill_tps, 'prompt_vs_llama_server'],
  ['cold TTFT ms', e.ttft_ms, 'llama-server', l.ttft_ms, 'ttft_vs_llama_server'],
  ['agent second-turn TTFT ms', e.turn2_ttft_ms, 'llama-server (cache_prompt)', l.turn2_ttft_ms, 'second_turn_ttft_vs_llama_server'],
  ['RSS with the model loaded', mib(e.loaded_rss_bytes), 'llama-server', mib(l.loaded_rss_bytes), 'rss_vs_llama_server'],
  ['start → ready ms', e.ready_ms, 'llama-server', l.ready_ms, 'ready_vs_llama_server'],
  ['json_schema decode tok/s (chat, response_format)', e.grammar_decode_tps, 'our plain decode (same messages)', e.grammar_plain_decode_tps, 'grammar_decode_vs_plain'],
  ['json_schema decode tok/s (chat, response_format)', e.grammar_decode_tps, 'llama-server json_schema', l.grammar_decode_tps, 'grammar_decode_vs_llama_server'],
  ['worst case: integer-array schema decode tok/s', e.grammar_worst_case_decode_tps, 'our plain decode', e.grammar_plain_decode_tps, null, figures.grammar_worst_case_vs_plain],
  ['worst case: integer-array schema decode tok/s', e.grammar_worst_case_decode_tps, 'llama-server json_schema', l.grammar_worst_case_decode_tps, null, figures.grammar_worst_case_vs_llama_server],
  ['embeddings / s (batches of 32)', embeddings.edgerouter_per_second ?? '–', 'llama-server --embedding /v1/embeddings', embeddings.llama_server_per_second ?? '–', 'embeddings_vs_llama_server'],
  ['decode tok/s', local.edgerouter?.decode_tps, 'node-llama-cpp 3.22.1 (in process)', local.node_llama_cpp?.decode_tps, 'local_decode_ratio'],
  ['decode tok/s', e.decode_tps, 'LLamaSharp 0.30.0 (in process, AVX forced)', peers.llamasharp?.decode_tps ?? '–', 'decode_vs_llamasharp'],
  ['decode tok/s', e.decode_tps, 'llama-bench (no HTTP, same libraries)', peers.llama_bench?.decode_tps ?? '–', null, peers.decode_of_ceiling?.edgerouter],
  ['CPU µs per refusal (decode threads = cores − 1)', figures.refusal_cpu_us, 'nginx `return 503`', figures.nginx_refusal_cpu_us, 'refusal_cpu_vs_nginx'],
  ['decode slowdown during the flood (cores − 1 threads)', figures.decode_slowdown_spare_core, 'flood sent to nginx instead', figures.nginx_decode_slowdown_spare_core, 'decode_slowdown_spare_core'],
  ['refusals / s (cores − 1 threads)', figures.reject_rps_spare_core, 'nginx `return 503`', figures.nginx_reject_rps, null, round(figures.reject_rps_spare_core / figures.nginx_reject_rps, 2)],
  ['refusal p99 µs (cores − 1 threads)', figures.reject_p99_us_spare_core, 'nginx `return 503`', figures.nginx_reject_p99_us, null, round(figures.reject_p99_us_spare_core / figures.nginx_reject_p99_us, 2)],
  ['refusals / s, p99 µs (all cores decoding)', `${figures.reject_rps} /s, ${figures.reject_p99_us}`, '–', '–', 'reject_rps', '–'],
  ['proxy added p99 µs (JSON, ' + headline + '/s)', added('edgerouter', 'json', headline, 'p99_us'), 'nginx reverse proxy', added('nginx', 'json', headline, 'p99_us'), 'proxy_vs_nginx_p99'],
  ['proxy added p90 µs', added('edgerouter', 'json', headline, 'p90_us'), 'nginx reverse proxy', added('nginx', 'json', headline, 'p90_us'), null, figures.proxy_vs_nginx_p90],
  ['proxy added p99 µs', added('edgerouter', 'json', headline, 'p99_us'), 'Portkey gateway', added('portkey', 'json', headline, 'p99_us'), 'proxy_vs_portkey_p99'],
];
const leadLines = ['| figure | EdgeRouter | peer | peer value | ratio | goal | verdict |', '| --- | ---: | --- | ---: | ---: | --- | --- |'];
for (const [name, ours, peer, theirs, key, ratioOverride] of leadRows) {
  const ratioValue = ratioOverride !== undefined ? ratioOverride : key ? figures[key] : null;
  const shownRatio = ratioValue === null || ratioValue === undefined ? 'null' : ratioValue;
  leadLines.push(`| ${name} | ${ours ?? '–'} | ${peer} | ${theirs ?? '–'} | **${shownRatio}**${key && key !== 'reject_rps' ? ` (\`${key}\`)` : ''} | ${key ? goalOf(key) : '–'} | ${key ? verdictOf(key) : '–'} |`);
}
const leadSection = [
  LEAD_START,
  '<!-- Written by scripts/bench.sh; edits between these markers are overwritten. -->',
  `${header} Every figure below comes from this one command (stages: bench/node/peers.mjs for llama-server, LLamaSharp and llama-bench; ` +
    'scripts/bench-local.sh for node-llama-cpp; bench/node/failfast.mjs for refusals; bench/EdgeRouter.Bench load for the proxy):',
  '',
  '```',
  args.command,
  '```',
  '',
  leadLines.join('\n'),
  LEAD_END,
].join('\n');
console.log(`\n${leadLines.join('\n')}\n`);

const json = { bench: 'all', quick: Boolean(args.quick), date: args.date, ...figures, goals: verdict, peers, embeddings, spare_core_rounds: spare };
if (args.doc) {
  const doc = readFileSync(args.doc, 'utf8');
  const start = doc.indexOf(START), end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${args.doc} has no ${START} … ${END} section`);
  const section = [
    START,
    '<!-- Written by scripts/bench.sh; edits between these markers are overwritten. -->',
    header,
    '',
    '```',
    args.command,
    '```',
    '',
    table,
    '',
    peerLine,
    '',
    proxyLines.join('\n'),
    '',
    proxyNote,
    '',
    failLine,
    '',
    allocLine,
    '',
    scaleLines.join('\n'),
    '',
    `![decode tok/s against weight size](${args.svg.replace(/^docs\//, '')})`,
    '',
    'The JSON line of this run:',
    '',
    '```json',
    JSON.stringify(json),
    '```',
    END,
  ].join('\n');
  let updated = doc.slice(0, start) + section + doc.slice(end + END.length);
  const ls = updated.indexOf(LEAD_START), le = updated.indexOf(LEAD_END);
  if (ls >= 0 && le > ls) updated = updated.slice(0, ls) + leadSection + updated.slice(le + LEAD_END.length);
  writeFileSync(args.doc, updated);
  writeFileSync(args.svg, scalingSvg(scaling, `Decode on ${m.nproc ?? '?'} cores (${m.cpu ?? '?'}), ${args.date}`));
  console.error(`bench: wrote ${args.doc} and ${args.svg}`);
}
console.log(JSON.stringify(json));
