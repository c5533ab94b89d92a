#!/usr/bin/env bash
# Every benchmark of issues #7 and #18 in one run, each figure a ratio against a peer measured in the same run where
# there is one: local generation vs llama.cpp's own llama-server built from the same commit (scripts/bench-llama-server.sh,
# bench/node/peers.mjs) and vs node-llama-cpp (scripts/bench-local.sh), allocations per decoded token, proxy overhead vs
# nginx and the Portkey gateway on one fake upstream, the cost of refusing requests while the slot is busy, the
# footprint of the Native AOT binary, and the decode scaling curve against this machine's memory bandwidth. The
# refusal flood runs twice: decode threads = all cores (the honest 2-core figures) and = cores - 1 (a board with a
# core to spare), the second against nginx `return 503` under the same flood for CPU per refusal.
# Prints a table and, as its last line, one JSON object; rewrites its section of docs/BENCHMARKS.md and the chart
# docs/benchmarks-scaling.svg (a full run, or --doc).
#
# Usage: scripts/bench.sh [--quick] [--doc|--no-doc]
#   --quick    shorter runs everywhere (under 10 minutes on a 2-core machine); does not touch docs unless --doc
#   --doc      write docs/BENCHMARKS.md and the chart even for a quick run
#   --no-doc   print only
# Environment: EDGEROUTER_BIN=path  benchmark this Native AOT binary instead of publishing one
#              BENCH_THREADS=2      compute threads of every engine (default 2)
#              BENCH_WAIT_IDLE=0    wait up to this many seconds for a quiet machine before measuring
#              BENCH_NICE=-20       run everything at this nice level (negative needs root)
#              BENCH_EMBED_SHAPE=minilm  the generated encoder shape for the embeddings stage
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=0
write_doc=1
doc_flag=""
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --doc) doc_flag=1 ;;
    --no-doc) doc_flag=0 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
[ "$quick" -eq 1 ] && write_doc=0
[ -n "$doc_flag" ] && write_doc="$doc_flag"
threads="${BENCH_THREADS:-2}"
command_line="scripts/bench.sh${*:+ $*}"
for var in BENCH_THREADS BENCH_WAIT_IDLE BENCH_NICE EDGEROUTER_BIN; do
  [ -n "${!var:-}" ] && command_line="$var=${!var} $command_line"
done
if [ "$quick" -eq 1 ]; then
  proxy_rates=(200); proxy_seconds=3; proxy_rounds=1; failfast_windows=(--before 2 --during 3 --after 2)
  footprint_runs=3; scaling_tokens=32; mbw_args=(-n 2 128); alloc_tokens=40; peer_rounds=2; peer_tokens=32; grammar_tokens=48; spare_rounds=1
else
  proxy_rates=(100 500); proxy_seconds=5; proxy_rounds=3; failfast_windows=(--before 4 --during 5 --after 4)
  footprint_runs=5; scaling_tokens=64; mbw_args=(-n 5 256); alloc_tokens=72; peer_rounds=6; peer_tokens=64; grammar_tokens=64; spare_rounds=3
fi

# ---- 1. tools, libraries, binaries ------------------------------------------------------------------------------
source "$root/scripts/prereqs.sh"
source "$root/scripts/bench-lib.sh"
ensure_prereqs
ensure_tool wrk wrk
ensure_tool nginx nginx-light
ensure_tool mbw mbw
"$root/scripts/fetch-native.sh"
# llama-server + llama-bench from the llama.cpp commit of our libraries, cached in .cache/llama-server/ (built once).
llama_dir="$("$root/scripts/bench-llama-server.sh" | tail -1)/bin"

if [ -n "${BENCH_NICE:-}" ]; then
  renice -n "$BENCH_NICE" $$ >/dev/null || { echo "bench: cannot renice to $BENCH_NICE" >&2; exit 2; }
  # With scheduler autogroups, nice only ranks processes inside one session: raise the session too.
  [ -w /proc/self/autogroup ] && echo "$BENCH_NICE" >/proc/self/autogroup 2>/dev/null || true
fi

if [ -n "${EDGEROUTER_BIN:-}" ]; then
  bin="$(realpath "$EDGEROUTER_BIN")"
else
  rid=linux-x64; [ "$(uname -m)" = aarch64 ] && rid=linux-arm64
  echo "bench: publishing the Native AOT binary (net10.0, $rid)" >&2
  dotnet publish src/EdgeRouter/EdgeRouter.csproj -c Release -f net10.0 -r "$rid" \
    -p:PublishAot=true -o artifacts/aot -nologo -v quiet -clp:ErrorsOnly >&2
  bin="$root/artifacts/aot/edgerouter"
fi
[ -x "$bin" ] || { echo "bench: $bin is not an executable" >&2; exit 2; }
[ -f "$(dirname "$bin")/edgerouter.dll" ] && { echo "bench: $bin is a JIT build; the footprint needs the Native AOT one" >&2; exit 2; }
echo "bench: building the bench tool" >&2
dotnet build bench/EdgeRouter.Bench -c Release -o artifacts/bench-tool -nologo -v quiet -clp:ErrorsOnly >&2
tool="$root/artifacts/bench-tool/edgerouter-bench"
echo "bench: building the LLamaSharp 0.30.0 peer (bench/LLamaSharpPeer)" >&2
nice -n 10 dotnet build bench/LLamaSharpPeer -c Release -o artifacts/llamasharp-peer -nologo -v quiet -clp:ErrorsOnly >&2
if [ ! -d bench/portkey/node_modules/@portkey-ai/gateway ]; then
  echo "bench: npm install (@portkey-ai/gateway from bench/portkey/package-lock.json)" >&2
  (cd bench/portkey && npm ci --ignore-scripts --no-audit --no-fund --silent)
fi

tiny="$root/models/bench-tiny-q8_0.gguf"
qwen="$root/models/bench-qwen2.5-0.5b-q8_0.gguf"
llama="$root/models/bench-llama-3.2-1b-q8_0.gguf"
bench_model "$bin" tiny "$tiny"
bench_model "$bin" qwen2.5-0.5b "$qwen"
bench_model "$bin" llama-3.2-1b "$llama"
# The embedding model (a BERT-shaped encoder): a binary whose generator does not know the shape skips the stage.
embed_shape="${BENCH_EMBED_SHAPE:-minilm}"
embed="$root/models/bench-$embed_shape-q8_0.gguf"
embed_missing=""
if ! bench_model "$bin" "$embed_shape" "$embed" 2>"$root/.cache/embed-generate.log"; then
  embed_missing="this binary cannot generate the $embed_shape embedding shape ($(tail -1 "$root/.cache/embed-generate.log" | cut -c1-160))"
  rm -f "$embed"
fi

results="$(mktemp -d -t edgerouter-bench.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$results"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
last_json() { grep -E '^\{' "$1" | tail -1; }
wait_idle "${BENCH_WAIT_IDLE:-0}"
bench_started="$(date -u '+%Y-%m-%d %H:%M UTC')"

# ---- 2. local generation vs node-llama-cpp, and allocations per decoded token -------------------------------------
echo "bench: [1/5] local generation vs node-llama-cpp" >&2
local_args=(--no-doc)
[ "$quick" -eq 1 ] && local_args=(--quick)
[ "$write_doc" -eq 1 ] && [ "$quick" -eq 0 ] && local_args=()
EDGEROUTER_BIN="$bin" BENCH_THREADS="$threads" "$root/scripts/bench-local.sh" "${local_args[@]}" | tee "$results/local.out" >&2
last_json "$results/local.out" >"$results/local.json"
echo "bench: [1b/5] EdgeRouter vs llama-server (same llama.cpp commit and libraries)" >&2
node bench/node/peers.mjs --router-bin "$bin" --llama-dir "$llama_dir" --model "$qwen" --prompt-file bench/local-prompt.txt \
  --threads "$threads" --tokens "$peer_tokens" --rounds "$peer_rounds" --llamasharp artifacts/llamasharp-peer/llamasharp-peer \
  --grammar-tokens "$grammar_tokens" >"$results/peers.json"
echo "bench: [1c/5] embeddings vs llama-server --embedding" >&2
node bench/node/embeddings.mjs --router-bin "$bin" --llama-dir "$llama_dir" --model "$embed" --chat-model "$tiny" --missing-reason "$embed_missing" \
  --threads "$threads" --rounds "$peer_rounds" --batch 32 >"$results/embeddings.json"
echo "bench:   embeddings: $(cat "$results/embeddings.json")" >&2
"$tool" alloc --model "$qwen" --lib-dir "$(dirname "$bin")" --prompt-file bench/local-prompt.txt \
  --tokens "$alloc_tokens" --warm 8 --threads "$threads" >"$results/alloc.json"

# ---- 3. proxy overhead: direct, nginx, Portkey, EdgeRouter, all to one fake upstream ---------------------------------
echo "bench: [2/5] proxy overhead" >&2
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_http() { # wait_http URL: until it answers at all (any status), 60 s at most
  for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "bench: $1 did not come up" >&2; return 1
}
up_port="$(free_port)"
node bench/node/upstream.mjs --port "$up_port" >/dev/null &
pids+=($!)
wait_http "http://127.0.0.1:$up_port/v1/models"

nginx_dir="$results/nginx"; nginx_port="$(free_port)"
mkdir -p "$nginx_dir"
cat >"$nginx_dir/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $nginx_dir/body;
  proxy_temp_path $nginx_dir/proxy;
  fastcgi_temp_path $nginx_dir/fastcgi;
  uwsgi_temp_path $nginx_dir/uwsgi;
  scgi_temp_path $nginx_dir/scgi;
  upstream fake { server 127.0.0.1:$up_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://fake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
NGINX
nginx -c "$nginx_dir/nginx.conf" -p "$nginx_dir" -e "$nginx_dir/error.log" &
pids+=($!)
wait_http "http://127.0.0.1:$nginx_port/v1/models"

portkey_port="$(free_port)"
(cd bench/portkey && NODE_ENV=production exec node node_modules/@portkey-ai/gateway/build/start-server.js --port="$portkey_port" --headless) >"$results/portkey.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$portkey_port/"

router_port="$(free_port)"
cat >"$results/router.json" <<JSON
{
  "listen": "127.0.0.1:$router_port",
  "model": { "path": "$tiny", "contextLength": 512, "threads": 1 },
  "cloud": {
    "upstreams": {
      "fake": { "baseUrl": "http://127.0.0.1:$up_port/v1", "model": "bench-upstream", "credential": "none", "paid": false,
                "limits": { "maxConcurrency": 256 } }
    }
  }
}
JSON
"$bin" --config "$results/router.json" >"$results/router-proxy.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$router_port/readyz"

printf '{"model":"%s","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}' fake >"$results/body-json"
printf '{"model":"%s","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16,"stream":true}' fake >"$results/body-sse"
peer_url() {
  case "$1" in
    direct) echo "http://127.0.0.1:$up_port/v1/chat/completions" ;;
    nginx) echo "http://127.0.0.1:$nginx_port/v1/chat/completions" ;;
    portkey) echo "http://127.0.0.1:$portkey_port/v1/chat/completions" ;;
    edgerouter) echo "http://127.0.0.1:$router_port/v1/chat/completions" ;;
  esac
}
nginx_master="${pids[1]}"
peer_pids() { # the processes that serve each peer (nginx: master and workers)
  case "$1" in
    direct) echo "${pids[0]}" ;;
    nginx) echo "$nginx_master $(pgrep -P "$nginx_master" | xargs)" ;;
    portkey) echo "${pids[2]}" ;;
    edgerouter) echo "${pids[3]}" ;;
  esac
}
proc_ticks() { local sum=0 pid f; for pid in $1; do read -r -a f < <(sed 's/.*) //' "/proc/$pid/stat"); sum=$(( sum + f[11] + f[12] )); done; echo "$sum"; }
# Rounds interleave the peers, so a burst of background load lands in one round of one peer; the report takes the
# median of each percentile over the rounds.
for rate in "${proxy_rates[@]}"; do
  for kind in json sse; do
    for round in $(seq 1 "$proxy_rounds"); do
      for peer in direct nginx portkey edgerouter; do
        headers=()
        [ "$peer" = portkey ] && headers=(--header "x-portkey-provider: openai" --header "x-portkey-custom-host: http://127.0.0.1:$up_port/v1" --header "Authorization: Bearer none")
        out="$results/proxy-$peer-$kind-$rate-r$round.json"
        cpu_before="$(proc_ticks "$(peer_pids "$peer")")"
        "$tool" load --url "$(peer_url "$peer")" --rate "$rate" --seconds "$proxy_seconds" --warmup 1 \
          --body "$results/body-$kind" "${headers[@]}" >"$out"
        # CPU the peer's own processes spent (/proc utime+stime, 10 ms ticks) over the whole load (warm-up included).
        echo $(( $(proc_ticks "$(peer_pids "$peer")") - cpu_before )) >"${out%.json}.ticks"
        echo "bench:   $peer $kind @$rate/s round $round: $(cat "$out")" >&2
      done
    done
  done
done
for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
pids=()

# ---- 4. fail-fast: the slot busy, no queue, a flood of requests -----------------------------------------------------
echo "bench: [3/5] fail-fast cost" >&2
ff_port="$(free_port)"
"$bin" --listen "127.0.0.1:$ff_port" --model "$qwen" --ctx 1024 --threads "$threads" --queue-length 0 >"$results/router-failfast.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$ff_port/readyz"
for _ in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ff_port/readyz")" = 200 ] && break; sleep 0.1; done
node bench/node/failfast.mjs --url "http://127.0.0.1:$ff_port" "${failfast_windows[@]}" --pids "${pids[0]}" >"$results/failfast.json"
kill -TERM "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; pids=()

# A board with a core to spare: decode threads = cores - 1; the same flood against EdgeRouter, then against nginx
# answering `return 503` (one worker), while the generation keeps running; CPU per refusal from each process's own
# /proc accounting. Rounds alternate nothing else, so each round measures both peers back to back.
spare_threads=$(( $(nproc) > 1 ? $(nproc) - 1 : 1 ))
echo "bench: [3b/5] refusals with a spare core (decode threads $spare_threads) vs nginx return 503" >&2
ng_dir="$results/nginx503"; ng_port="$(free_port)"
mkdir -p "$ng_dir"
cat >"$ng_dir/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $ng_dir/nginx.pid;
error_log $ng_dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $ng_dir/body;
  proxy_temp_path $ng_dir/proxy;
  fastcgi_temp_path $ng_dir/fastcgi;
  uwsgi_temp_path $ng_dir/uwsgi;
  scgi_temp_path $ng_dir/scgi;
  server {
    listen 127.0.0.1:$ng_port;
    location / {
      default_type application/json;
      add_header Retry-After 1 always;
      return 503 '{"error":"busy: the local slot is in use"}';
    }
  }
}
NGINX
nginx -c "$ng_dir/nginx.conf" -p "$ng_dir" -e "$ng_dir/error.log" &
pids+=($!)
for _ in $(seq 1 100); do [ -f "$ng_dir/nginx.pid" ] && break; sleep 0.1; done
ng_pids="$(cat "$ng_dir/nginx.pid"),$(pgrep -P "$(cat "$ng_dir/nginx.pid")" | paste -sd,)"
ff_port="$(free_port)"
"$bin" --listen "127.0.0.1:$ff_port" --model "$qwen" --ctx 1024 --threads "$spare_threads" --queue-length 0 >"$results/router-spare.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$ff_port/readyz"
for _ in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ff_port/readyz")" = 200 ] && break; sleep 0.1; done
for round in $(seq 1 "$spare_rounds"); do
  node bench/node/failfast.mjs --url "http://127.0.0.1:$ff_port" "${failfast_windows[@]}" --pids "${pids[1]}" \
    --peer-url "http://127.0.0.1:$ng_port" --peer-pids "$ng_pids" >"$results/spare-r$round.json"
  echo "bench:   spare core round $round: $(cat "$results/spare-r$round.json")" >&2
done
kill -TERM "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; pids=()

# ---- 5. footprint and scaling -----------------------------------------------------------------------------------------
echo "bench: [4/5] footprint" >&2
node bench/node/footprint.mjs --bin "$bin" --model "$tiny" --runs "$footprint_runs" --threads "$threads" >"$results/footprint.json"
printf '{"aot_binary_bytes":%s}\n' "$(stat -c %s "$bin")" >"$results/aot.json"

echo "bench: [5/5] scaling curve" >&2
copy_mibs="$(mbw "${mbw_args[@]}" -t0 2>/dev/null | awk '/^AVG/ { for (i = 1; i <= NF; i++) if ($i == "Copy:") print $(i + 1) }')"
[ -n "$copy_mibs" ] || { echo "bench: mbw printed no average copy rate" >&2; exit 1; }
node bench/node/scaling.mjs --bin "$bin" --copy-mibs "$copy_mibs" --tokens "$scaling_tokens" --threads "$threads" \
  --models "tiny=$tiny,qwen2.5-0.5b=$qwen,llama-3.2-1b=$llama" >"$results/scaling.json"

# ---- 6. report ------------------------------------------------------------------------------------------------------------
report_args=(--results "$results" --date "$bench_started" --command "$command_line" --threads "$threads"
  --proxy-rates "${proxy_rates[*]}" --proxy-seconds "$proxy_seconds" --proxy-rounds "$proxy_rounds" --spare-rounds "$spare_rounds")
[ "$quick" -eq 1 ] && report_args+=(--quick)
[ "$write_doc" -eq 1 ] && report_args+=(--doc docs/BENCHMARKS.md --svg docs/benchmarks-scaling.svg)
node bench/node/report.mjs "${report_args[@]}"
