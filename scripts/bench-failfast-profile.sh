#!/usr/bin/env bash
# Where the CPU goes while wrk floods a busy EdgeRouter (slot held by a long generation, queue length 0): decode
# tokens in 5 quiet seconds vs 5 flooded ones, CPU time per router thread (from /proc/PID/task/*/stat) and wrk's own.
# Usage: scripts/bench-failfast-profile.sh [NATIVE_AOT_BINARY] [MODEL]   (defaults: artifacts/aot, the bench's qwen model)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$root/artifacts/aot/edgerouter}"
model="${2:-$root/models/bench-qwen2.5-0.5b-q8_0.gguf}"
work="$(mktemp -d -t edgerouter-ffprof.XXXXXX)"
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
"$bin" --listen "127.0.0.1:$port" --model "$model" --threads 2 --queue-length 0 --ctx 2048 >"$work/router.log" 2>&1 &
router=$!
trap 'kill $router 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
curl -sN "http://127.0.0.1:$port/api/generate" >"$work/gen.out" \
  -d '{"model":"local","prompt":"Once upon a time","raw":true,"stream":true,"options":{"temperature":0,"num_predict":100000}}' &
sleep 3
ticks() { for t in /proc/$router/task/*; do echo "$(basename "$t") $(awk '{print $14+$15}' "$t/stat")"; done | sort; }
tokens() { grep -c '"response"' "$work/gen.out"; }
printf 'wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n' \
  "'{\"model\":\"local\",\"prompt\":\"hi\",\"stream\":false}'" >"$work/post.lua"
t0=$(tokens); ticks >"$work/a"; sleep 5; ticks >"$work/b"; t1=$(tokens)
/usr/bin/time -f "wrk CPU: user %U s, sys %S s" wrk -t2 -c16 -d5s --latency -s "$work/post.lua" \
  "http://127.0.0.1:$port/api/generate" >"$work/wrk.out" 2>"$work/wrk.time"
ticks >"$work/c"; t2=$(tokens)
echo "decode tokens: quiet 5 s $((t1 - t0)), flooded 5 s $((t2 - t1))"
echo "router CPU per thread (1/100 s), quiet | flooded:"
join -a1 "$work/a" "$work/b" | join -a1 - "$work/c" | awk '{q=$3-$2; f=$4-$3; if (q+f>0) printf "  tid %s: %d | %d\n", $1, q, f}'
cat "$work/wrk.time"; grep -E "Requests/sec|50%|99%|Non-2xx" "$work/wrk.out"
