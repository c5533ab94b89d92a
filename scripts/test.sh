#!/usr/bin/env bash
# Every test: the xunit suites (unit, real Kestrel, real llama.cpp on generated models) and the
# official-client end-to-end suites against the built binary. Ends with "N passed, N failed".
# The soak runs in its short form (EDGEROUTER_SOAK_SECONDS, default 120) as the last xunit step; scripts/soak.sh is the long one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/prereqs.sh"
ensure_prereqs
"$root/scripts/fetch-native.sh"

results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

echo "test: building"
dotnet build "$root/EdgeRouter.sln" -c Release -nologo -v quiet -clp:ErrorsOnly

# One xunit run per test project (EdgeRouter.Tests has a folder per shipped assembly, Prompts its own project); the long suites (the soak) run after the
# quick ones in a step of their own, so a failure in the quick ones shows first.
run_xunit() { # run_xunit LABEL PROJECT FILTER
  local label="$1" project="$2" filter="$3" started=$SECONDS
  echo "test: xunit $label"
  set +e
  dotnet test "$project" -c Release --no-build -nologo --filter "$filter" \
    --logger "trx;LogFileName=$label.trx" --logger "console;verbosity=minimal" --results-directory "$results"
  set -e
  local trx="$results/$label.trx"
  if [ -f "$trx" ]; then
    local counters passed failed
    counters="$(grep -o '<Counters [^>]*>' "$trx")"
    attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    passed="$(attr passed)"
    failed=$(( $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) ))
    echo "$label ${passed:-0} $failed" >>"$results/counts.txt"
  elif [ "$filter" = "Category!=Long" ]; then
    echo "$label 0 1" >>"$results/counts.txt"
  fi
  echo "test: xunit $label took $(( SECONDS - started )) s"
}
for project in "$root"/tests/*/*.Tests.csproj; do
  run_xunit "$(basename "$project" .csproj)" "$project" "Category!=Long"
done
for project in "$root"/tests/*/*.Tests.csproj; do
  if grep -rqs 'Trait("Category", "Long")' "$(dirname "$project")" --include='*.cs'; then
    run_xunit "$(basename "$project" .csproj).Long" "$project" "Category=Long"
  fi
done

echo "test: official clients against the JIT build"
dotnet publish "$root/src/EdgeRouter/EdgeRouter.csproj" -c Release -f net10.0 -o "$root/artifacts/test-bin" -nologo -v quiet -clp:ErrorsOnly
"$root/scripts/e2e.sh" "$root/artifacts/test-bin/edgerouter" jit

awk '{p+=$2; f+=$3} END {printf "%d passed, %d failed\n", p, f; exit (f > 0 || p == 0)}' "$results/counts.txt"
