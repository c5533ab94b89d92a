#!/usr/bin/env bash
# Publishes EdgeRouter for Raspberry Pi 4/5 and Jetson (linux-arm64): Native AOT, trimmed, net10.0, with the pinned
# arm64 llama.cpp libraries, and packs artifacts/bundle/edgerouter-<version>-linux-arm64.tar.gz (binary, libraries,
# systemd unit, default config, install.sh, README).
#
#   ./publish-linux-arm64.sh [--out DIR] [--allow-warnings]
#
# Runs natively on an arm64 machine, or cross-compiles from x64 (clang, binutils-aarch64-linux-gnu and
# gcc-aarch64-linux-gnu, or SYSROOT=DIR). When the NuGet feed lacks the linux-arm64 runtime/ILCompiler packs or the
# cross toolchain is incomplete, it stops with exit code 3 and names every missing piece.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUNDLE_LABEL=publish-linux-arm64 exec "$root/scripts/bundle.sh" linux-arm64 --framework net10.0 "$@"
