#!/usr/bin/env bash
# The board image test: installs an arm64 bundle into a Debian bookworm arm64 root filesystem (what Raspberry Pi OS
# bookworm is built on) exactly as a user installs onto a mounted SD card (install.sh --root), boots it with systemd
# as PID 1 under systemd-nspawn + qemu-user, and checks from inside the booted system:
#   pi-boot           the system reaches running/degraded, edgerouter.service started at boot with no manual step
#   pi-ready          Type=notify: READY=1 reached (active/running) and `systemctl status` shows our STATUS= line
#   pi-watchdog       the watchdog is fed (WatchdogTimestamp advances; the unit has WatchdogSec=30s)
#   pi-chat           curl http://127.0.0.1:11434/api/chat answers from the local tier (X-EdgeRouter-Tier: local)
#   pi-journal        journalctl -u edgerouter has the start lines at the right priorities ("listening on" and
#                     READY=1 at info, the demo-model notice at warning, nothing at err or worse)
#   pi-reboot         after `systemctl reboot` (nspawn exits 133, started again) the unit is back, and the config
#                     and the state directory are kept
# Each check appends "LABEL PASSED FAILED" to artifacts/test-results/counts.txt. Check a release with it before
# flashing:   scripts/pi-image-test.sh [artifacts/bundle/edgerouter-VERSION-linux-arm64.tar.gz]
# Without an argument it takes the newest arm64 bundle in artifacts/bundle (building one with
# publish-linux-arm64.sh when there is none). --prepare only builds (or finds) the cached root and exits.
#
# Needs root. The base root (debootstrap, ~300 MB, ~4.5 min on 2 cores) is cached in $PI_ROOT_CACHE
# (default /var/cache/edgerouter-pi-root) and reused; each run boots a fresh copy of it, so the cache stays clean.
# Timings under emulation say nothing about a board; this checks behaviour, not speed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$root/artifacts/test-results"
mkdir -p "$results"
cache="${PI_ROOT_CACHE:-/var/cache/edgerouter-pi-root}"
machine="edgerouter-pi-$$"
started_at=$SECONDS
say() { echo "pi-image-test: $*"; }
die() { echo "pi-image-test: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, systemd-nspawn)"

# --------------------------------------------------------------------------------------------------- the bundle
prepare_only=0
if [ "${1:-}" = --prepare ]; then prepare_only=1; shift; fi   # only build (or find) the cached root
bundle="${1:-}"
if [ -z "$bundle" ] && [ "$prepare_only" -eq 0 ]; then
  bundle="$(ls -t "$root"/artifacts/bundle/edgerouter-*-linux-arm64.tar.gz 2>/dev/null | head -1 || true)"
  if [ -z "$bundle" ]; then
    say "no arm64 bundle yet: building one (publish-linux-arm64.sh)"
    nice -n 10 "$root/publish-linux-arm64.sh"
    bundle="$(ls -t "$root"/artifacts/bundle/edgerouter-*-linux-arm64.tar.gz | head -1)"
  fi
fi
[ "$prepare_only" -eq 1 ] || [ -f "$bundle" ] || die "bundle $bundle not found"

# ------------------------------------------------------------------------------------------------------ tools
source "$root/scripts/prereqs.sh"
set +e
ensure_tool qemu-aarch64-static qemu-user-static binfmt-support
ensure_tool debootstrap debootstrap
ensure_tool systemd-nspawn systemd-container
ensure_tool nsenter util-linux
set -e
# qemu-user-static registers qemu-aarch64 in binfmt_misc with the F flag (the interpreter is opened at
# registration), so arm64 programs run inside the container without qemu in it.
if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || die "cannot mount binfmt_misc"
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
fi
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || die "qemu-aarch64 is not registered in binfmt_misc (qemu-user-static)"
grep -q '^flags:.*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 || die "qemu-aarch64's binfmt entry lacks the F flag"

# ------------------------------------------------------------------------------------------- the cached root
mirror() { # the Debian mirror apt uses here
  local uri
  uri="$(grep -rhoE '^(deb +|URIs: +)(\[[^]]*\] +)?https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
    grep -oE 'https?://[^ ]+' | grep -E '/debian/?$' | head -1 || true)"
  echo "${uri:-http://deb.debian.org/debian}"
}
if [ ! -f "$cache/.edgerouter-pi-root" ]; then
  t=$SECONDS
  say "building the bookworm arm64 root in $cache (debootstrap, once; ~4.5 min)"
  rm -rf "$cache.tmp"
  mkdir -p "$(dirname "$cache")"
  nice -n 10 debootstrap --arch=arm64 --variant=minbase --include=systemd,systemd-sysv,dbus,curl,ca-certificates \
    bookworm "$cache.tmp" "$(mirror)" >"$results/pi-debootstrap.log" 2>&1 ||
    { tail -20 "$results/pi-debootstrap.log" >&2; die "debootstrap failed (log: $results/pi-debootstrap.log)"; }
  chroot "$cache.tmp" apt-get clean >/dev/null 2>&1 || true
  echo "edgerouter-pi" >"$cache.tmp/etc/hostname"
  date -u +%FT%TZ >"$cache.tmp/.edgerouter-pi-root"
  rm -rf "$cache" && mv "$cache.tmp" "$cache"
  say "root built in $(( SECONDS - t )) s ($(du -sh "$cache" | cut -f1))"
else
  say "reusing the cached root $cache (built $(cat "$cache/.edgerouter-pi-root"))"
fi

[ "$prepare_only" -eq 0 ] || exit 0

# ------------------------------------------------------------------------------------- a fresh copy + install
work="$(mktemp -d /var/tmp/edgerouter-pi-test.XXXXXX)"
sd="$work/root"
nspawn_pid=""
cleanup() {
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    kill -TERM "$nspawn_pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$nspawn_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# A CI stage limit stops this script with TERM: the container must go with it.
trap 'exit 143' TERM INT
cp -a "$cache" "$sd"
tar -xzf "$bundle" -C "$work"
bundle_dir="$(ls -d "$work"/edgerouter-*-linux-arm64 | head -1)"
say "installing $(basename "$bundle") with install.sh --root (as onto a mounted SD card)"
"$bundle_dir/install.sh" --root "$sd" >"$results/pi-install.log" 2>&1 || { cat "$results/pi-install.log" >&2; die "install.sh --root failed"; }

# Artefacts of qemu-user, handled for the emulated boot only (a real board needs none of this):
mkdir -p "$sd/etc/systemd/system/edgerouter.service.d"
cat >"$sd/etc/systemd/system/edgerouter.service.d/zz-qemu-user.conf" <<'EOF'
# pi-image-test only (qemu-user artefacts, not for a board):
[Service]
# systemd sets up LoadCredential= with a namespace clone() that qemu-user refuses, so the unit would fail with
# 243/CREDENTIALS ("Failed to set up credentials: Invalid argument"). An empty LoadCredential= clears it; the
# test passes no upstream key (it checks the local tier), so nothing else is needed.
LoadCredential=
# The same refusal hits PrivateIPC= ("Failed to set up IPC namespacing: Input/output error", 226/NAMESPACE): off
# for the emulated boot only; the other sandbox settings work under qemu-user and stay on.
PrivateIPC=no
# Under qemu-user the .NET GC's address-space reservation counts as resident memory (~1.7 GB RSS), which trips
# MemoryMax= on a small root; a hard heap limit keeps the reservation small.
Environment=DOTNET_GCHeapHardLimit=0x10000000
EOF
# systemd's own units that use credentials hit the same qemu-user refusal (243/CREDENTIALS); clear it for them too
# so the emulated boot ends "running" instead of "degraded".
for unit in systemd-sysusers.service systemd-tmpfiles-setup.service systemd-tmpfiles-setup-dev.service \
            systemd-sysctl.service systemd-journald.service; do
  mkdir -p "$sd/etc/systemd/system/$unit.d"
  printf '# pi-image-test only: qemu-user refuses the namespace clone systemd uses for credentials.\n[Service]\nLoadCredential=\nImportCredential=\n' \
    >"$sd/etc/systemd/system/$unit.d/zz-qemu-user.conf"
done

# ---------------------------------------------------------------------------------------------------- checks
record() { # record CHECK STATUS DETAIL
  if [ "$2" -eq 0 ]; then
    echo "pi-$1 1 0" >>"$results/counts.txt"; say "$1: ok${3:+ ($3)}"
  else
    echo "pi-$1 0 1" >>"$results/counts.txt"; echo "pi-image-test: $1: FAILED${3:+ ($3)}" >&2
  fi
}

boot_log="$results/pi-boot.log"
container_pid1() { # the container's PID 1 (the nspawn child that is PID 1 in its own PID namespace)
  local child
  for child in $(pgrep -P "$nspawn_pid" 2>/dev/null); do
    # nspawn's short-lived setup child is a child too; under load it can be the first one seen.
    [ "$(awk '/^NSpid:/ {print $NF}' "/proc/$child/status" 2>/dev/null)" = 1 ] && { echo "$child"; return 0; }
  done
  return 1
}
boot() { # starts the container in the background and waits for its PID 1
  systemd-nspawn -q -D "$sd" -M "$machine" --boot --register=no --keep-unit --console=pipe </dev/null >>"$boot_log" 2>&1 &
  nspawn_pid=$!
  for _ in $(seq 100); do
    container_pid1 >/dev/null && return 0
    kill -0 "$nspawn_pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}
# PID 1 is looked up on every call: a reboot or a crash replaces it, and a stale PID must not be entered.
inside() { local pid1; pid1="$(container_pid1)" || return 1; nsenter -t "$pid1" -a "$@"; }
wait_running() { # prints the final system state (running, degraded, ...)
  local state=""
  for _ in $(seq 120); do
    state="$(inside systemctl is-system-running 2>/dev/null || true)"
    case "$state" in running|degraded) break ;; esac
    sleep 1
  done
  echo "${state:-unknown}"
}
wait_active() { # wait_active SECONDS: waits for edgerouter.service to leave activating
  local state=""
  for _ in $(seq "$1"); do
    state="$(inside systemctl is-active edgerouter.service 2>/dev/null || true)"
    [ "$state" = activating ] || [ -z "$state" ] || break
    sleep 1
  done
  echo "$state"
}

: >"$boot_log"
t=$SECONDS
boot || die "the container did not start (log: $boot_log)"
system_state="$(wait_running)"
unit_state="$(wait_active 180)"
boot_seconds=$(( SECONDS - t ))
failed_units="$(inside systemctl --failed --no-legend --plain 2>/dev/null | awk '{print $1}' | paste -sd' ' - || true)"
if { [ "$system_state" = running ] || [ "$system_state" = degraded ]; } && [ "$unit_state" = active ]; then
  record boot 0 "system $system_state${failed_units:+ (failed: $failed_units)}, edgerouter active ${boot_seconds} s after boot, no manual start"
else
  inside systemctl status edgerouter.service --no-pager -l 2>&1 | tail -30 >&2 || true
  tail -30 "$boot_log" >&2
  if kill -0 "$nspawn_pid" 2>/dev/null; then
    echo "pi-image-test: nspawn $nspawn_pid is running; its children (pid, NSpid, comm):" >&2
    for child in $(pgrep -P "$nspawn_pid"); do
      echo "  $child $(awk '/^NSpid:/ {$1=""; print}' "/proc/$child/status" 2>/dev/null) $(cat "/proc/$child/comm" 2>/dev/null)" >&2
    done
  else
    echo "pi-image-test: nspawn has exited" >&2
  fi
  record boot 1 "system '$system_state', edgerouter '$unit_state'"
fi

status="$(inside systemctl status edgerouter.service --no-pager -l 2>&1 || true)"
echo "$status" >"$results/pi-systemctl-status.txt"
sub="$(inside systemctl show -p SubState --value edgerouter.service 2>/dev/null || true)"
status_text="$(inside systemctl show -p StatusText --value edgerouter.service 2>/dev/null || true)"
# Type=notify: the unit is "active (running)" only after READY=1. Our STATUS= line ends with the thermal state.
if [ "$sub" = running ] && grep -q 'Active: active (running)' <<<"$status" && grep -q "Status: \"" <<<"$status" &&
   grep -q 'thermal' <<<"$status_text"; then
  record ready 0 "READY=1, Status: \"$status_text\""
else
  echo "$status" >&2
  record ready 1 "SubState '$sub', StatusText '$status_text'"
fi

# WatchdogSec=30s: the router pings every 15 s; wait for the timestamp to move.
w1="$(inside systemctl show -p WatchdogTimestampMonotonic --value edgerouter.service 2>/dev/null || echo 0)"
w2="$w1"
for _ in $(seq 40); do
  sleep 1
  w2="$(inside systemctl show -p WatchdogTimestampMonotonic --value edgerouter.service 2>/dev/null || echo 0)"
  [ "$w2" = "$w1" ] || break
done
wd_usec="$(inside systemctl show -p WatchdogUSec --value edgerouter.service 2>/dev/null || true)"
if [ -n "$w2" ] && [ "$w2" != 0 ] && [ "$w2" != "$w1" ] && [ "$(inside systemctl is-active edgerouter.service)" = active ]; then
  record watchdog 0 "WatchdogSec $wd_usec, ping seen at monotonic $w1 then $w2"
else
  record watchdog 1 "WatchdogTimestampMonotonic '$w1' -> '$w2' (WatchdogUSec '$wd_usec')"
fi

chat() { # prints the response headers and body of one local chat
  inside curl -sS -m 120 -D - http://127.0.0.1:11434/api/chat \
    -d '{"model":"edgerouter-demo","stream":false,"messages":[{"role":"user","content":"Hello"}],"options":{"num_predict":4}}' 2>&1
}
reply="$(chat || true)"
echo "$reply" >"$results/pi-chat.txt"
if grep -qi '^HTTP/1.1 200' <<<"$reply" && grep -qi '^X-EdgeRouter-Tier: local' <<<"$reply" && grep -q '"message"' <<<"$reply"; then
  record chat 0 "200 from the local tier: $(tail -1 <<<"$reply" | LC_ALL=C tr -cd '[:print:]' | cut -c1-100)"
else
  head -20 <<<"$reply" >&2
  record chat 1 "no 200 local answer (see $results/pi-chat.txt)"
fi

# The router writes journald priorities (<N> prefixes): its start lines are info (6); nothing at err or worse.
inside journalctl -u edgerouter.service -b --no-pager -o json --output-fields=PRIORITY,MESSAGE \
  >"$results/pi-journal.json" 2>/dev/null || true
inside journalctl -u edgerouter.service -b --no-pager -o short-monotonic >"$results/pi-journal.txt" 2>/dev/null || true
priorities="$(grep -o '"PRIORITY":"[0-9]"' "$results/pi-journal.json" | grep -o '[0-9]' | sort | uniq -c | awk '{printf "%s×p%s ", $1, $2}' || true)"
info_lines="$(grep -c '"PRIORITY":"6"' "$results/pi-journal.json" || true)"
err_lines="$(grep -cE '"PRIORITY":"[0-3]"' "$results/pi-journal.json" || true)"
# The start lines: "listening on" at info (6), READY=1 at info, the demo-model notice at warning (4).
line_at() { grep -F "$1" "$results/pi-journal.json" | grep -q "\"PRIORITY\":\"$2\""; }
if [ "${info_lines:-0}" -ge 2 ] && [ "${err_lines:-0}" -eq 0 ] && line_at ' listening on http://127.0.0.1:11434' 6 &&
   line_at 'READY=1 sent' 6 && line_at 'No model configured' 4; then
  record journal 0 "priorities: ${priorities% }"
else
  tail -20 "$results/pi-journal.txt" >&2
  record journal 1 "info lines ${info_lines:-0}, err-or-worse ${err_lines:-0} (priorities: $priorities)"
fi

# ---------------------------------------------------------------------------------------------------- reboot
marker="pi-image-test marker $$"
sed -i "1i // $marker" "$sd/etc/edgerouter/config.json"
state_before="$(ls "$sd/var/lib/private/edgerouter" 2>/dev/null | sort | paste -sd' ' - || true)"
t=$SECONDS
inside systemctl reboot >/dev/null 2>&1 || true
# nspawn exits 133 when the container reboots; a container that does not stop is a failure, not a wait without end.
reboot_status=""
for _ in $(seq 240); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$nspawn_pid" 2>/dev/null; then
  kill -KILL "$nspawn_pid" 2>/dev/null || true
  reboot_status=still-running-after-120s
fi
set +e
wait "$nspawn_pid"
exit_status=$?
set -e
[ -n "$reboot_status" ] || reboot_status=$exit_status
nspawn_pid=""
state_after_stop="$(ls "$sd/var/lib/private/edgerouter" 2>/dev/null | sort | paste -sd' ' - || true)"
problems=""
[ "$reboot_status" = 133 ] || problems="$problems nspawn-exit-$reboot_status(expected-133)"
if boot; then
  system_state="$(wait_running)"
  unit_state="$(wait_active 180)"
  [ "$unit_state" = active ] || problems="$problems unit-$unit_state-after-reboot"
  grep -q "$marker" "$sd/etc/edgerouter/config.json" || problems="$problems config-lost"
  state_now="$(ls "$sd/var/lib/private/edgerouter" 2>/dev/null | sort | paste -sd' ' - || true)"
  for f in $state_after_stop; do
    grep -qw -- "$f" <<<"$state_now" || problems="$problems state-lost:$f"
  done
  [ -n "$state_after_stop" ] || problems="$problems no-state-written"
  reply="$(chat || true)"
  grep -qi '^HTTP/1.1 200' <<<"$reply" || problems="$problems no-chat-after-reboot"
else
  problems="$problems container-did-not-restart"
fi
if [ -z "$problems" ]; then
  record reboot 0 "exit 133, back active in $(( SECONDS - t )) s; config kept; state kept ($state_after_stop; before: ${state_before:-empty})"
else
  record reboot 1 "$problems"
fi

if [ -n "$nspawn_pid" ]; then
  inside systemctl poweroff >/dev/null 2>&1 || true
  for _ in $(seq 60); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.5; done
fi
say "took $(( SECONDS - started_at )) s"
