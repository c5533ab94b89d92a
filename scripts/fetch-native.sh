#!/usr/bin/env bash
# Fetches the prebuilt llama.cpp libraries for one runtime id into runtime/<rid>/ (git-ignored).
# The tarball must match the integrity hash pinned in native/llama-libs.lock; a mismatch is fatal.
# Needs only curl, openssl and tar (no Node, no npm): the tarball is downloaded from the npm registry's own
# tarball URL, <registry>/<@scope/name>/-/<name>-<version>.tgz. The registry is $NPM_REGISTRY, else npm's
# configured one when npm happens to be installed, else npm's default.
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
for tool in curl openssl tar; do
  command -v "$tool" >/dev/null || { echo "fetch-native: $tool is required (apt-get install curl openssl tar)" >&2; exit 2; }
done
registry="${NPM_REGISTRY:-$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)}"
registry="${registry%/}"
name="${package%@*}"       # @node-llama-cpp/linux-x64
version="${package##*@}"   # 3.22.1
url="$registry/$name/-/${name##*/}-$version.tgz"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-native: downloading $package"
tarball="$work/package.tgz"
curl -fsSL --retry 3 --retry-delay 2 -o "$tarball" "$url" || { echo "fetch-native: download failed: $url" >&2; exit 1; }
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
