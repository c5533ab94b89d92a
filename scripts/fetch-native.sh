#!/usr/bin/env bash
# Fetches the prebuilt llama.cpp libraries for one runtime id into runtime/<rid>/ (git-ignored).
# The tarball must match the integrity hash pinned in native/llama-libs.lock; a mismatch is fatal.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rid="${1:-}"
if [ -z "$rid" ]; then
  case "$(uname -m)" in
    aarch64|arm64) rid=linux-arm64 ;;
    *) rid=linux-x64 ;;
  esac
fi
line="$(grep -E "^${rid}[[:space:]]" "$root/native/llama-libs.lock" || true)"
if [ -z "$line" ]; then
  echo "fetch-native: unknown runtime id '$rid' (known: $(grep -vE '^#' "$root/native/llama-libs.lock" | awk '{print $1}' | xargs))" >&2
  exit 2
fi
package="$(awk '{print $2}' <<<"$line")"
pinned="$(awk '{print $3}' <<<"$line")"
dest="$root/runtime/$rid"
stamp="$dest/.integrity"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$pinned" ] && [ -f "$dest/libllama.v0.5.0.so" ]; then
  echo "fetch-native: $rid already present ($dest)"
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-native: npm is required (apt-get install nodejs npm)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-native: npm pack $package"
(cd "$work" && npm pack --silent "$package" >/dev/null 2>"$work/npm.log") || { cat "$work/npm.log" >&2; exit 1; }
tarball="$(ls "$work"/*.tgz)"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$pinned" ]; then
  echo "fetch-native: INTEGRITY MISMATCH for $package" >&2
  echo "  pinned: $pinned" >&2
  echo "  actual: $actual" >&2
  exit 1
fi
mkdir -p "$work/x"
tar -xzf "$tarball" -C "$work/x"
rm -rf "$dest" && mkdir -p "$dest"
cp "$work/x/package/bins/$rid"/libllama.v0.5.0.so "$work/x/package/bins/$rid"/libggml*.so "$dest/"
cp "$work/x/package/LICENSE" "$dest/LICENSE.llama-cpp-prebuilt"
echo "$pinned" > "$stamp"
echo "fetch-native: $rid -> $dest ($(ls "$dest" | grep -c '\.so$') libraries, integrity ok)"
