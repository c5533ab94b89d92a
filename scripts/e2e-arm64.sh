#!/usr/bin/env bash
# Runs the linux-arm64 binary on this x64 machine under qemu-user with one emulated CPU, then:
#   1. `edgerouter check` must name the ggml CPU variant it picked, and it must be the expected one
#      (records "arm64-variant-<cpu> PASSED FAILED");
#   2. the official-client e2e suite (scripts/e2e.sh) runs against it (records "aot-arm64-<cpu> PASSED FAILED").
#
#   scripts/e2e-arm64.sh PUBLISH-DIR CPU VARIANT-REGEX
#   e.g. scripts/e2e-arm64.sh artifacts/bundle-build/linux-arm64-net10.0/publish cortex-a76 '^libggml-cpu-armv8\.2_[0-9]+\.so$'
#
# CPU is a QEMU_CPU name: cortex-a76 is a Pi 5's core (and Orin class), cortex-a72 a Pi 4's. The arm64 glibc comes
# from libc6-dev-arm64-cross (qemu-aarch64-static -L /usr/aarch64-linux-gnu). Timings under emulation say nothing
# about a board: the generations are kept short (EDGEROUTER_E2E_LONG_TOKENS) and the start-up wait long.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
publish="$(realpath "${1:?usage: e2e-arm64.sh PUBLISH-DIR CPU VARIANT-REGEX}")"
cpu="${2:?cpu}"
expected="${3:?variant regex}"
results="$root/artifacts/test-results"
mkdir -p "$results"
sysroot="${ARM64_SYSROOT:-/usr/aarch64-linux-gnu}"
qemu="$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)"
[ -n "$qemu" ] || { echo "e2e-arm64: qemu-aarch64-static is required (apt-get install qemu-user-static)" >&2; exit 2; }
[ -f "$sysroot/lib/ld-linux-aarch64.so.1" ] || { echo "e2e-arm64: no arm64 glibc in $sysroot (apt-get install libc6-dev-arm64-cross)" >&2; exit 2; }
[ -x "$publish/edgerouter" ] || { echo "e2e-arm64: no edgerouter in $publish" >&2; exit 2; }

# The router needs OpenSSL at run time (.NET's hashing and TLS dlopen libssl.so.3; without it the process aborts with
# "No usable version of libssl was found"). Every board has it (Raspberry Pi OS, JetPack, and the bookworm root of
# scripts/pi-image-test.sh, where curl pulls it in); the cross sysroot has only glibc. Take the board root's copy.
libs="$results/arm64-libs"
if [ ! -f "$sysroot/lib/libssl.so.3" ] && [ ! -f "$libs/libssl.so.3" ]; then
  board_root="${PI_ROOT_CACHE:-/var/cache/edgerouter-pi-root}"
  [ -f "$board_root/.edgerouter-pi-root" ] || "$root/scripts/pi-image-test.sh" --prepare
  mkdir -p "$libs"
  cp -L "$board_root"/usr/lib/aarch64-linux-gnu/libssl.so.3 "$board_root"/usr/lib/aarch64-linux-gnu/libcrypto.so.3 "$libs/" ||
    { echo "e2e-arm64: no arm64 libssl.so.3 in $board_root" >&2; exit 2; }
fi

# The binary under test, as a command: exec keeps the PID, so the suite's SIGTERM reaches the router.
# DOTNET_GCHeapHardLimit: under qemu-user the GC's address-space reservation becomes ~1.7 GB of resident memory per
# router; a hard heap limit keeps each one small (qemu-user artefact, not needed on a board).
wrapper="$results/edgerouter-qemu-$cpu"
cat >"$wrapper" <<EOF
#!/bin/sh
export QEMU_CPU=$cpu
export DOTNET_GCHeapHardLimit=\${DOTNET_GCHeapHardLimit:-0x20000000}
export LD_LIBRARY_PATH=$libs
exec "$qemu" -L "$sysroot" "$publish/edgerouter" "\$@"
EOF
chmod +x "$wrapper"

# 1. The CPU variant, named by `edgerouter check` (no config: the demo model and the bundled libraries).
check_out="$results/check-arm64-$cpu.txt"
set +e
(cd "$(mktemp -d)" && HOME="$PWD" "$wrapper" check) >"$check_out" 2>&1
check_status=$?
set -e
variant="$(grep -oE 'CPU backend libggml-cpu-[A-Za-z0-9_.]+\.so' "$check_out" | head -1 | sed 's/^CPU backend //')"
if [ -n "$variant" ] && grep -qE "$expected" <<<"$variant"; then
  echo "arm64-variant-$cpu 1 0" >>"$results/counts.txt"
  echo "e2e-arm64 ($cpu): edgerouter check picked $variant (expected /$expected/; check exit $check_status)"
  grep -E 'native library' "$check_out" | sed 's/^/  /' | head -3
else
  echo "arm64-variant-$cpu 0 1" >>"$results/counts.txt"
  echo "e2e-arm64 ($cpu): expected a variant matching /$expected/, edgerouter check named '${variant:-none}' (exit $check_status):" >&2
  cat "$check_out" >&2
fi

# 2. The official-client suite against the emulated binary.
EDGEROUTER_E2E_READY_MS="${EDGEROUTER_E2E_READY_MS:-120000}" EDGEROUTER_E2E_LONG_TOKENS="${EDGEROUTER_E2E_LONG_TOKENS:-100}" \
  "$root/scripts/e2e.sh" "$wrapper" "aot-arm64-$cpu"
