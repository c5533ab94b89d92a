#!/usr/bin/env bash
# Installs what is missing, fetches the llama.cpp libraries, builds, and starts EdgeRouter.
# Arguments go to the binary, e.g.  scripts/run.sh --listen 127.0.0.1:8080 --model ~/models/qwen2.5-0.5b-instruct-q8_0.gguf
# With no model configured, the router serves a generated tiny demo model (random weights).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/prereqs.sh"
ensure_prereqs
"$root/scripts/fetch-native.sh"
echo "run: building (Release)"
dotnet publish "$root/src/EdgeRouter/EdgeRouter.csproj" -c Release -f net10.0 -o "$root/artifacts/run" -v quiet -nologo -clp:ErrorsOnly
exec "$root/artifacts/run/edgerouter" "$@"
