#!/usr/bin/env bash
# Prints the highest GLIBC_x.y symbol version that an ELF file (or every ELF file in a directory) requires, one line
# per file, then the overall figure; exits 1 when it is above --max.
#
#   scripts/glibc-floor.sh [--max 2.35] [--quiet] FILE|DIR...
#
# Reads the version-needs section (readelf -V), i.e. what the dynamic loader checks: "version `GLIBC_2.38' not
# found" is this figure being above the target's glibc. readelf reads ELF of any architecture (x64, arm64).
set -euo pipefail
max=""
quiet=0
paths=()
while [ $# -gt 0 ]; do
  case "$1" in
    --max) max="${2:?--max needs a version}"; shift 2 ;;
    --quiet) quiet=1; shift ;;
    *) paths+=("$1"); shift ;;
  esac
done
[ "${#paths[@]}" -gt 0 ] || { sed -n '2,7s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2; }
command -v readelf >/dev/null || { echo "glibc-floor: readelf is required (apt-get install binutils)" >&2; exit 2; }

files=()
for p in "${paths[@]}"; do
  if [ -d "$p" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$p" -maxdepth 1 -type f | sort)
  else
    files+=("$p")
  fi
done

highest=""
highest_file=""
for f in "${files[@]}"; do
  [ "$(head -c4 "$f" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ] || continue
  need="$(readelf -W -V "$f" 2>/dev/null | sed -n '/Version needs section/,$p' | grep -oE 'Name: GLIBC_[0-9]+\.[0-9]+(\.[0-9]+)?' |
    sed 's/Name: GLIBC_//' | sort -V | tail -1 || true)"
  [ "$quiet" -eq 1 ] || printf '  %-32s %s\n' "$(basename "$f")" "${need:+GLIBC_$need}"
  if [ -n "$need" ] && { [ -z "$highest" ] || [ "$(printf '%s\n%s\n' "$highest" "$need" | sort -V | tail -1)" = "$need" ]; }; then
    [ "$need" = "$highest" ] || highest_file="$(basename "$f")"
    highest="$need"
  fi
done
[ -n "$highest" ] || { echo "glibc-floor: no ELF file with glibc version needs in ${paths[*]}" >&2; exit 2; }
echo "glibc floor: GLIBC_$highest (highest, from $highest_file)${max:+; limit $max}"
if [ -n "$max" ] && [ "$(printf '%s\n%s\n' "$highest" "$max" | sort -V | tail -1)" != "$max" ]; then
  echo "glibc-floor: GLIBC_$highest is above the supported floor $max" >&2
  exit 1
fi
