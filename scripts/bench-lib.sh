# Helpers shared by scripts/bench.sh and scripts/bench-local.sh (sourced, not run).

# bench_model BIN SHAPE PATH: generates a Q8_0 model of that shape (random weights, seed 1) with the router binary
# itself, unless PATH already holds a complete one (its size is stamped in .cache/ after a finished generation).
bench_model() {
  local bin="$1" shape="$2" model="$3"
  local stamp="$root/.cache/$(basename "$model").size"
  mkdir -p "$(dirname "$model")" "$root/.cache"
  if [ -f "$model" ] && [ -f "$stamp" ] && [ "$(stat -c %s "$model")" = "$(cat "$stamp")" ]; then
    echo "bench: model present ($model, $(( $(stat -c %s "$model") / 1048576 )) MiB)" >&2
    return 0
  fi
  echo "bench: generating $model" >&2
  rm -f "$model" "$stamp"
  # The generator writes to a temporary file and renames it, so an interrupted run leaves no partial model.
  "$bin" model generate --shape "$shape" --type q8_0 --seed 1 --out "$model" >&2 || return 1
  stat -c %s "$model" >"$stamp"
}

# busy_percent SECONDS: CPU share of the whole machine used by all processes over that time.
busy_percent() {
  local a b
  read -r -a a < <(head -1 /proc/stat)
  sleep "$1"
  read -r -a b < <(head -1 /proc/stat)
  local total=0 idle=$(( b[4] + b[5] - a[4] - a[5] ))
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

# wait_idle SECONDS: waits up to that long for other processes to use < 15 % of the machine.
wait_idle() {
  local limit="$1" deadline busy
  [ "$limit" -gt 0 ] || return 0
  deadline=$(( SECONDS + limit ))
  while :; do
    busy="$(busy_percent 5)"
    [ "$busy" -lt 15 ] && { echo "bench: machine quiet (${busy} % busy)" >&2; return 0; }
    if [ "$SECONDS" -ge "$deadline" ]; then echo "bench: still ${busy} % busy after ${limit} s; measuring anyway" >&2; return 0; fi
    echo "bench: machine ${busy} % busy; waiting" >&2
  done
}
