#!/usr/bin/env bash
# The long soak: the xunit soak (tests/EdgeRouter.Tests/Soak) for N minutes against the built router binary — real
# llama.cpp on a generated tiny model as the local tier, loopback upstreams injecting 429 bursts, 500s, hangs and
# mid-stream drops as the cloud tier, a seeded mix of OpenAI/Ollama, local/cloud, stream/whole requests with client
# aborts — then rewrites the soak section of docs/RELIABILITY.md with the account (pass or fail).
# scripts/test.sh runs the same test in its short form (2 minutes).
#
# Usage: scripts/soak.sh [--minutes N] [--no-doc]
#   --minutes N   load duration (default 10)
#   --no-doc      print the account only
# Environment: EDGEROUTER_SOAK_BINARY=path  soak that router build (e.g. the Native AOT one) instead of the JIT one
#              EDGEROUTER_SOAK_SEED=N       the request mix and fault schedule (default 1)
#              EDGEROUTER_SOAK_WORKERS=N    concurrent clients (default 4)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

minutes=10
write_doc=1
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="${2:?--minutes needs a number}"; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "soak: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$minutes" in ''|*[!0-9]*|0) echo "soak: --minutes takes a whole number of minutes ≥ 1" >&2; exit 2 ;; esac
command_line="scripts/soak.sh --minutes $minutes"
for var in EDGEROUTER_SOAK_BINARY EDGEROUTER_SOAK_SEED EDGEROUTER_SOAK_WORKERS; do
  [ -n "${!var:-}" ] && command_line="$var=${!var} $command_line"
done

# The test host runs in its output directory: hand it an absolute path.
[ -n "${EDGEROUTER_SOAK_BINARY:-}" ] && export EDGEROUTER_SOAK_BINARY="$(realpath "$EDGEROUTER_SOAK_BINARY")"

source "$root/scripts/prereqs.sh"
ensure_prereqs
"$root/scripts/fetch-native.sh"

out="$root/artifacts/soak"
mkdir -p "$out"
report="$out/account.md"
rm -f "$report" "$out/account.row.md"

echo "soak: building"
dotnet build "$root/tests/EdgeRouter.Tests/EdgeRouter.Tests.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly

echo "soak: $minutes minute(s) of load (the account follows when it ends)"
set +e
EDGEROUTER_SOAK_SECONDS=$((minutes * 60)) EDGEROUTER_SOAK_REPORT="$report" \
  dotnet test "$root/tests/EdgeRouter.Tests/EdgeRouter.Tests.csproj" -c Release --no-build -nologo \
  --filter "FullyQualifiedName=EdgeRouter.Tests.Soak.SoakTests.Soak_short" \
  --logger "console;verbosity=detailed" 2>&1 | tee "$out/test.log" | grep -E '^\s*(soak:|Passed|Failed|Total)'
status="${PIPESTATUS[0]}"
set -e
if [ ! -f "$report" ]; then
  echo "soak: the run produced no account (see $out/test.log)" >&2
  exit 1
fi
cat "$report"
result="passed"
[ "$status" -eq 0 ] || result="FAILED (exit $status; see the problems listed)"
echo "soak: $result"

if [ "$write_doc" -eq 1 ]; then
  doc="$root/docs/RELIABILITY.md"
  section="$out/section.md"
  {
    echo "<!-- soak:start -->"
    echo "Last long run: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), result **$result**."
    echo "Command: \`$command_line\`"
    echo
    cat "$report"
    echo "<!-- soak:end -->"
  } >"$section"
  row="$(cat "$out/account.row.md") \`$command_line\` |"
  # The summary table's soak row (the line starting "| Soak, ") and the section between the soak markers.
  awk -v section="$section" -v row="$row" '
    /^\| Soak, / { print row; next }
    /<!-- soak:start -->/ { while ((getline line < section) > 0) print line; skipping = 1; next }
    /<!-- soak:end -->/ { skipping = 0; next }
    !skipping { print }
  ' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
  echo "soak: updated $doc"
fi
exit "$status"
