#!/usr/bin/env bash
# Runs the client suites (official openai and ollama packages, LangChain JS, the Vercel AI SDK) against one edgerouter binary.
# Usage: scripts/e2e.sh BINARY LABEL   — appends "LABEL PASSED FAILED" to artifacts/test-results/counts.txt
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$(realpath "$1")"
label="$2"
results="$root/artifacts/test-results"
mkdir -p "$results"
# A node_modules left from an older package.json (a missing package or another pinned version) is reinstalled.
(cd "$root/tests/e2e" && {
  node -e 'const fs = require("fs"); const deps = require("./package.json").dependencies;
    for (const [name, version] of Object.entries(deps)) {
      const file = `node_modules/${name}/package.json`;
      if (!fs.existsSync(file) || JSON.parse(fs.readFileSync(file, "utf8")).version !== version) process.exit(1);
    }' || npm ci --no-audit --no-fund --silent; })
tap="$results/e2e-$label.tap"
set +e
EDGEROUTER_BIN="$bin" node --test --test-reporter=tap --test-concurrency=1 "$root"/tests/e2e/*.test.mjs >"$tap" 2>&1
status=$?
set -e
passed="$(awk '/^# pass /{print $3}' "$tap" | tail -1)"
failed="$(awk '/^# fail /{print $3}' "$tap" | tail -1)"
passed="${passed:-0}"; failed="${failed:-0}"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$failed" -ne 0 ]; then
  grep -E '^not ok|^# Subtest|error:|Error|expected|actual' "$tap" | head -60 >&2 || true
fi
echo "$label $passed $failed" >>"$results/counts.txt"
echo "e2e ($label): $passed passed, $failed failed"
