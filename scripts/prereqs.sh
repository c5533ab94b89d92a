#!/usr/bin/env bash
# Installs what EdgeRouter's scripts need on a Debian/Ubuntu machine, only where it is missing.
# Sourced by run.sh (ensure_run_prereqs), test.sh (ensure_prereqs) and .ci/run (also ensure_arm64_prereqs); safe
# to run on its own.
set -euo pipefail

_apt_updated=0
_apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ "$_apt_updated" -eq 0 ]; then
    $sudo apt-get update -qq >/dev/null
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_tool() { # ensure_tool COMMAND DEBIAN-PACKAGE...
  local cmd="$1"; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  echo "prereqs: installing $* (for $cmd)"
  _apt_install "$@"
}

ensure_dotnet() {
  if command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    return 0
  fi
  echo "prereqs: the .NET 10 SDK is missing; trying the distribution's package"
  if _apt_install dotnet-sdk-10.0 2>/dev/null && dotnet --list-sdks | grep -q '^10\.'; then
    return 0
  fi
  cat >&2 <<'MSG'
prereqs: could not install the .NET 10 SDK from this distribution's packages.
Install it once by hand (see https://learn.microsoft.com/dotnet/core/install/linux), e.g.
  curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0
  export PATH="$HOME/.dotnet:$PATH"
then run this script again.
MSG
  exit 1
}

# What running needs: curl and openssl (scripts/fetch-native.sh downloads and checks the llama.cpp libraries; no
# Node or npm), and the .NET 10 SDK to build.
ensure_run_prereqs() {
  ensure_tool curl curl ca-certificates
  ensure_tool openssl openssl
  ensure_dotnet
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# What testing needs on top: Node and npm for the official-client e2e suites (openai, ollama npm packages), and
# Debian's Chromium, driven headless by the /ui test through playwright-core (which never downloads a browser).
ensure_prereqs() {
  ensure_run_prereqs
  ensure_tool node nodejs
  ensure_tool npm npm
  ensure_tool chromium chromium
}

# The linux-arm64 Native AOT cross build (clang drives the link, lld or binutils' ld, the arm64 C runtime) and
# running arm64 binaries here (qemu-user with the arm64 glibc of libc6-dev-arm64-cross).
ensure_arm64_prereqs() {
  ensure_tool clang clang
  ensure_tool ld.lld lld
  ensure_tool llvm-objcopy llvm
  ensure_tool aarch64-linux-gnu-objdump binutils-aarch64-linux-gnu
  ensure_tool aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
  [ -f /usr/aarch64-linux-gnu/lib/crt1.o ] || { echo "prereqs: installing libc6-dev-arm64-cross"; _apt_install libc6-dev-arm64-cross; }
  ensure_tool qemu-aarch64-static qemu-user-static binfmt-support
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_prereqs
fi
