#!/usr/bin/env bash
# Installs EdgeRouter from an unpacked bundle (this script sits next to the binary in the bundle).
#
#   sudo ./install.sh [--now] [--jetson-cuda]     install on this machine and enable the unit (--now: also start it)
#   sudo ./install.sh --root DIR                  install into a mounted root filesystem (an SD card image), offline
#   sudo ./install.sh --uninstall [--root DIR]    remove everything but configuration, credentials, state and models
#
# Layout: /opt/edgerouter (binary, libraries, README, models/), /etc/edgerouter/config.json (never overwritten),
# /etc/edgerouter/credentials (root-only upstream keys), /etc/systemd/system/edgerouter.service (+ .d drop-ins).
set -euo pipefail

UNIT=edgerouter.service
APP_DIR=/opt/edgerouter
CONF_DIR=/etc/edgerouter
UNIT_DIR=/etc/systemd/system
MIN_GLIBC=2.34

bundle="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root=""
action=install
start_now=0
jetson_cuda=0

usage() { sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
die() { echo "install: $*" >&2; exit 1; }
say() { echo "install: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || die "--root needs a directory"; root="$2"; shift 2 ;;
    --root=*) root="${1#--root=}"; shift ;;
    --uninstall) action=uninstall; shift ;;
    --now) start_now=1; shift ;;
    --jetson-cuda) jetson_cuda=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done

if [ -n "$root" ]; then
  [ -d "$root" ] || die "--root $root is not a directory"
  root="$(cd "$root" && pwd)"
  [ "$root" != "/" ] || root=""
  [ "$start_now" -eq 0 ] || die "--now cannot be combined with --root (nothing runs in an offline root)"
fi
live=1; [ -z "$root" ] || live=0
if [ "$live" -eq 1 ] && [ "$(id -u)" -ne 0 ]; then
  die "run as root (sudo $0 $*)"
fi

# systemctl works offline with --root; on a live machine it needs a running systemd.
have_systemd() { [ "$live" -eq 1 ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }

glibc_version() { # prints the target's glibc version (e.g. 2.36), or nothing
  if [ "$live" -eq 1 ]; then
    getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}'
    return
  fi
  local libc
  for libc in "$root"/lib/*-linux-gnu/libc.so.6 "$root"/usr/lib/*-linux-gnu/libc.so.6 "$root"/lib64/libc.so.6 "$root"/usr/lib64/libc.so.6; do
    if [ -f "$libc" ]; then
      grep -a -o -m1 'GNU C Library[^)]*) [a-z ]*version [0-9]\+\.[0-9]\+' "$libc" 2>/dev/null | grep -o '[0-9]\+\.[0-9]\+$' | head -1
      return
    fi
  done
}

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }

# The bundle records the glibc floor measured when it was built (scripts/glibc-floor.sh); 2.34 when it does not.
min_glibc="$(sed -n 's/^min_glibc=//p' "$bundle/BUILD-INFO" 2>/dev/null || true)"
MIN_GLIBC="${min_glibc:-$MIN_GLIBC}"

bundle_rid() { sed -n 's/^rid=//p' "$bundle/BUILD-INFO" 2>/dev/null || true; }

check_platform() {
  local rid arch
  rid="$(bundle_rid)"
  if [ "$live" -eq 1 ] && [ -n "$rid" ]; then
    case "$(uname -m)" in
      aarch64|arm64) arch=linux-arm64 ;;
      x86_64|amd64) arch=linux-x64 ;;
      *) arch="unsupported ($(uname -m))" ;;
    esac
    [ "$arch" = "$rid" ] || die "this bundle is for $rid but this machine is $arch (a 32-bit Raspberry Pi OS cannot run it: use the 64-bit image)"
  fi
  local glibc
  glibc="$(glibc_version)"
  if [ -z "$glibc" ]; then
    say "warning: could not determine the target's glibc version (needs >= $MIN_GLIBC)"
  elif ! version_ge "$glibc" "$MIN_GLIBC"; then
    die "glibc $glibc is too old: the llama.cpp libraries need >= $MIN_GLIBC (Raspberry Pi OS Bookworm, Ubuntu 22.04+, JetPack 6)"
  fi
  # .NET's hashing and TLS load OpenSSL 3 at run time; without it the router aborts ("No usable version of libssl").
  if ! ls "$root"/usr/lib/*-linux-gnu/libssl.so.3 "$root"/lib/*-linux-gnu/libssl.so.3 >/dev/null 2>&1; then
    say "warning: no libssl.so.3 in ${root:-/} (install the libssl3 package): the router needs OpenSSL 3 at run time"
  fi
  if [ "$live" -eq 0 ] && [ ! -e "$root/etc/os-release" ] && [ ! -e "$root/usr/lib/os-release" ]; then
    say "warning: $root has no etc/os-release; is it really a root filesystem?"
  fi
}

# Copies atomically (temp file + rename), so a running binary is never overwritten in place.
put() { # put MODE SOURCE DEST
  local tmp
  tmp="$(dirname "$3")/.$(basename "$3").new.$$"
  install -m "$1" "$2" "$tmp"
  mv -f "$tmp" "$3"
}

enable_unit() {
  if [ "$live" -eq 0 ]; then
    if command -v systemctl >/dev/null 2>&1 && systemctl --root="$root" enable "$UNIT" >/dev/null 2>&1; then
      say "enabled $UNIT in $root"
      return
    fi
    # No usable systemctl here: create what `systemctl enable` would (WantedBy=multi-user.target).
    mkdir -p "$root$UNIT_DIR/multi-user.target.wants"
    ln -sfn "$UNIT_DIR/$UNIT" "$root$UNIT_DIR/multi-user.target.wants/$UNIT"
    say "enabled $UNIT in $root (multi-user.target.wants symlink)"
    return
  fi
  if have_systemd; then
    systemctl daemon-reload
    systemctl enable "$UNIT" >/dev/null 2>&1
    say "enabled $UNIT"
    if [ "$start_now" -eq 1 ]; then
      systemctl restart "$UNIT"
      say "started $UNIT (systemctl status edgerouter; journalctl -u edgerouter -f)"
    else
      say "start it with: sudo systemctl start edgerouter"
    fi
  else
    mkdir -p "$UNIT_DIR/multi-user.target.wants"
    ln -sfn "$UNIT_DIR/$UNIT" "$UNIT_DIR/multi-user.target.wants/$UNIT"
    say "systemd is not running here; enabled $UNIT by symlink (it starts at the next boot)"
  fi
}

do_install() {
  [ -x "$bundle/edgerouter" ] || die "no edgerouter binary next to this script ($bundle): run install.sh from an unpacked bundle"
  [ -f "$bundle/$UNIT" ] || die "$UNIT missing from the bundle"
  check_platform
  umask 022

  install -d -m 0755 "$root$APP_DIR" "$root$APP_DIR/models" "$root$CONF_DIR" "$root$UNIT_DIR"
  put 0755 "$bundle/edgerouter" "$root$APP_DIR/edgerouter"
  local f
  for f in "$bundle"/*.so "$bundle"/*.so.* "$bundle"/LICENSE* "$bundle"/README.md "$bundle"/BUILD-INFO; do
    if [ -f "$f" ]; then put 0644 "$f" "$root$APP_DIR/$(basename "$f")"; fi
  done
  # Remove libraries a previous version shipped but this one does not.
  for f in "$root$APP_DIR"/*.so "$root$APP_DIR"/*.so.*; do
    if [ -f "$f" ] && [ ! -e "$bundle/$(basename "$f")" ]; then rm -f "$f"; fi
  done

  if [ -e "$root$CONF_DIR/config.json" ]; then
    put 0644 "$bundle/config.json" "$root$CONF_DIR/config.json.default"
    say "kept the existing $CONF_DIR/config.json (new defaults: $CONF_DIR/config.json.default)"
  else
    put 0644 "$bundle/config.json" "$root$CONF_DIR/config.json"
    say "wrote $CONF_DIR/config.json"
  fi
  install -d -m 0700 "$root$CONF_DIR/credentials"

  put 0644 "$bundle/$UNIT" "$root$UNIT_DIR/$UNIT"
  if [ "$jetson_cuda" -eq 1 ]; then
    install -d -m 0755 "$root$UNIT_DIR/$UNIT.d"
    put 0644 "$bundle/edgerouter-jetson-cuda.conf" "$root$UNIT_DIR/$UNIT.d/jetson-cuda.conf"
    say "installed the Jetson CUDA drop-in ($UNIT_DIR/$UNIT.d/jetson-cuda.conf)"
  fi
  say "installed $(sed -n 's/^version=//p' "$bundle/BUILD-INFO" 2>/dev/null || echo EdgeRouter) into ${root:-/}"
  say "models: copy a GGUF model to $APP_DIR/models and set \"model\": { \"path\": \"$APP_DIR/models/NAME.gguf\" } in $CONF_DIR/config.json"
  enable_unit
}

do_uninstall() {
  if [ "$live" -eq 1 ] && have_systemd; then
    systemctl disable --now "$UNIT" >/dev/null 2>&1 || true
  elif [ "$live" -eq 0 ] && command -v systemctl >/dev/null 2>&1; then
    systemctl --root="$root" disable "$UNIT" >/dev/null 2>&1 || true
  fi
  rm -f "$root$UNIT_DIR/multi-user.target.wants/$UNIT" "$root$UNIT_DIR/$UNIT" "$root$UNIT_DIR/$UNIT.d/jetson-cuda.conf"
  rmdir "$root$UNIT_DIR/$UNIT.d" 2>/dev/null || true

  if [ -d "$root$APP_DIR" ]; then
    find "$root$APP_DIR" -mindepth 1 -maxdepth 1 ! -name models -exec rm -rf {} +
    if [ -d "$root$APP_DIR/models" ] && [ -n "$(ls -A "$root$APP_DIR/models")" ]; then
      say "kept your models in $APP_DIR/models (delete them by hand)"
    else
      rm -rf "$root$APP_DIR"
    fi
  fi
  if [ "$live" -eq 1 ] && have_systemd; then systemctl daemon-reload; fi
  say "removed EdgeRouter from ${root:-/}; kept $CONF_DIR (config, credentials) and /var/lib/edgerouter (state)"
}

case "$action" in
  install) do_install ;;
  uninstall) do_uninstall ;;
esac
