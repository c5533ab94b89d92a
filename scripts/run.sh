#!/usr/bin/env bash
# Installs what running needs (curl, openssl, the .NET 10 SDK; no Node), fetches the llama.cpp libraries, builds when
# a source changed, and starts EdgeRouter. Arguments go to the binary, e.g.
#   scripts/run.sh --listen 127.0.0.1:8080 --model models/qwen2.5-0.5b-instruct-q8_0.gguf
# With no model configured, the router serves a generated tiny demo model (random weights). Models go in models/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/prereqs.sh"
ensure_run_prereqs
"$root/scripts/fetch-native.sh" >/dev/null
out="$root/artifacts/run"
bin="$out/edgerouter"
# Rebuild only when something that goes into the binary is newer than it (sources, project files, the libraries).
changed=""
if [ -x "$bin" ]; then
  changed="$(find "$root/src" "$root/build" "$root/runtime" "$root/Directory.Build.props" "$root/global.json" \
    "$root/.editorconfig" \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$bin" -print -quit 2>/dev/null || true)"
fi
if [ ! -x "$bin" ] || [ -n "$changed" ]; then
  echo "run: building (Release)${changed:+, $(basename "$changed") changed}"
  dotnet publish "$root/src/EdgeRouter/EdgeRouter.csproj" -c Release -f net10.0 -o "$out" -v quiet -nologo -clp:ErrorsOnly
  touch "$bin"
else
  echo "run: up to date ($bin)"
fi
exec "$bin" "$@"
