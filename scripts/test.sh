#!/usr/bin/env bash
# Every test: the xunit suites (unit, real Kestrel, real llama.cpp on generated models) and the
# official-client end-to-end suites against the built binary. Ends with "N passed, N failed".
# The xunit run includes the soak in its short form (EDGEROUTER_SOAK_SECONDS, default 120; scripts/soak.sh is the long one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/prereqs.sh"
ensure_prereqs
"$root/scripts/fetch-native.sh"

results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

echo "test: building"
dotnet build "$root/EdgeRouter.sln" -c Release -nologo -v quiet -clp:ErrorsOnly

echo "test: xunit"
set +e
dotnet test "$root/tests/EdgeRouter.Tests/EdgeRouter.Tests.csproj" -c Release --no-build -nologo \
  --logger "trx;LogFileName=xunit.trx" --logger "console;verbosity=minimal" --results-directory "$results"
set -e
trx="$results/xunit.trx"
if [ -f "$trx" ]; then
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed="$(attr passed)"
  failed=$(( $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) ))
  echo "xunit ${passed:-0} $failed" >>"$results/counts.txt"
else
  echo "xunit 0 1" >>"$results/counts.txt"
fi

echo "test: official clients against the JIT build"
dotnet publish "$root/src/EdgeRouter/EdgeRouter.csproj" -c Release -f net10.0 -o "$root/artifacts/test-bin" -nologo -v quiet -clp:ErrorsOnly
"$root/scripts/e2e.sh" "$root/artifacts/test-bin/edgerouter" jit

awk '{p+=$2; f+=$3} END {printf "%d passed, %d failed\n", p, f; exit (f > 0 || p == 0)}' "$results/counts.txt"
