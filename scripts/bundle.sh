#!/usr/bin/env bash
# Builds the installable bundle artifacts/bundle/edgerouter-<version>-<rid>.tar.gz: the Native AOT binary (trimmed),
# the pinned llama.cpp libraries, the systemd unit, the default config, install.sh and the README.
#
#   scripts/bundle.sh RID [--framework TFM] [--out DIR] [--project CSPROJ] [--allow-warnings] [--from-publish DIR]
#
#   RID          linux-x64 or linux-arm64
#   --framework  net10.0 (the product target and the default)
#   --out        where the bundle goes (default artifacts/bundle)
#   --project    the app to publish (default src/EdgeRouter/EdgeRouter.csproj)
#   --allow-warnings   do not fail on IL/AOT trim warnings
#   --from-publish     package an existing Native AOT publish directory (binary + libraries) instead of publishing
#
# Before building it checks every prerequisite and, when something is missing (the NuGet runtime/ILCompiler packs
# for RID, or a cross toolchain), stops with exit code 3 and a message naming each missing piece.
# Builds in artifacts/bundle-build/<rid>-<tfm> (its own obj/bin), so it never disturbs the normal build.
# Environment: SYSROOT=DIR  target root filesystem for cross-linking (passed as -p:SysRoot).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
label="${BUNDLE_LABEL:-bundle}"

die() { echo "$label: $*" >&2; exit 1; }
usage() { sed -n '2,19s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

rid=""
framework=""
out="$root/artifacts/bundle"
project="$root/src/EdgeRouter/EdgeRouter.csproj"
allow_warnings=0
from_publish=""
while [ $# -gt 0 ]; do
  case "$1" in
    --framework) framework="${2:?--framework needs a value}"; shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --project) project="$(realpath "${2:?--project needs a path}")"; shift 2 ;;
    --allow-warnings) allow_warnings=1; shift ;;
    --from-publish) from_publish="$(realpath "${2:?--from-publish needs a directory}")"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option '$1'" ;;
    *) [ -z "$rid" ] || die "one runtime id only"; rid="$1"; shift ;;
  esac
done
case "$rid" in
  linux-x64) framework="${framework:-net10.0}"; target_arch=x86_64; elf_machine=3e ;;
  linux-arm64) framework="${framework:-net10.0}"; target_arch=aarch64; elf_machine=b7 ;;
  "") usage >&2; die "missing RID (linux-x64 or linux-arm64)" ;;
  *) die "unsupported runtime id '$rid' (linux-x64 or linux-arm64)" ;;
esac
case "$framework" in net[0-9]*.0) ;; *) die "--framework must look like net10.0, not '$framework'" ;; esac
[ -f "$project" ] || die "project $project not found"

version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -1)"
version="${version:-0.0.0}"
name="edgerouter-$version-$rid"
work="$root/artifacts/bundle-build/$rid-$framework"
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
build_props=(-p:TargetFrameworks="$framework" -p:PublishAot=true -p:NativeRid="$rid"
  -p:ArtifactsPath="$work" -p:UseArtifactsOutput=true)
[ -z "${SYSROOT:-}" ] || build_props+=(-p:SysRoot="$SYSROOT")

# ---------------------------------------------------------------------------------------------------- preflight
# Collects every missing prerequisite, prints them all and exits 3; returns when everything is there.
preflight() {
  problems=()

  sdk_major="$(dotnet --version 2>/dev/null | cut -d. -f1 || true)"
  tfm_major="${framework#net}"; tfm_major="${tfm_major%%.*}"
  if [ -z "$sdk_major" ]; then
    problems+=("the .NET SDK (dotnet) is not on PATH: install the .NET $tfm_major SDK")
  elif [ "$sdk_major" -lt "$tfm_major" ]; then
    problems+=("the .NET SDK is $(dotnet --version); $framework needs SDK $tfm_major or newer")
  fi

  missing_packs=()
  if [ -n "$sdk_major" ]; then
    echo "$label: checking NuGet packs for $rid ($framework, Native AOT)"
    restore_log="$work/restore.log"
    if ! dotnet restore "$project" -r "$rid" "${build_props[@]}" -nologo >"$restore_log" 2>&1; then
      # NU1101: no package with this id on any source; NU1102: the id exists but not this version.
      while IFS= read -r pack; do missing_packs+=("$pack"); done < <(
        grep -oE 'NU110[0-3]: Unable to find package [^ ]+( with version \([^)]*\))?' "$restore_log" |
          sed -E 's/^NU110[0-3]: Unable to find package //; s/\.$//' | sort -u)
      if [ "${#missing_packs[@]}" -eq 0 ]; then
        problems+=("dotnet restore failed for $rid: $(grep -m3 -E 'error' "$restore_log" | sed 's/^ *//' | tr '\n' ' ')(log: $restore_log)")
      fi
    fi
  fi

  host_arch="$(uname -m)"
  [ "$host_arch" != arm64 ] || host_arch=aarch64
  missing_tools=()
  if [ "$host_arch" != "$target_arch" ]; then
    # Cross-compiling Native AOT: clang drives the link for the target, which needs the target's linker (or lld),
    # an objcopy that understands the target (symbols are stripped) and the target's C runtime objects.
    triple="$target_arch-linux-gnu"
    command -v clang >/dev/null 2>&1 || missing_tools+=("clang (the cross linker driver)")
    if ! command -v "$triple-ld" >/dev/null 2>&1 && ! command -v ld.lld >/dev/null 2>&1; then
      missing_tools+=("$triple-ld or ld.lld (a linker for $target_arch)")
    elif ! command -v "$triple-ld" >/dev/null 2>&1; then
      build_props+=(-p:LinkerFlavor=lld)
    fi
    command -v llvm-objcopy >/dev/null 2>&1 || command -v "$triple-objcopy" >/dev/null 2>&1 ||
      missing_tools+=("llvm-objcopy or $triple-objcopy (strips the $target_arch binary)")
    crt_found=0
    for crt in "${SYSROOT:-}/usr/lib/$triple/crt1.o" "/usr/$triple/lib/crt1.o" "${SYSROOT:-/nonexistent}/usr/lib/crt1.o"; do
      [ -f "$crt" ] && crt_found=1
    done
    [ "$crt_found" -eq 1 ] || missing_tools+=("the $target_arch C runtime (crt1.o, libc) from gcc-$triple/libc6-dev-${rid#linux-}-cross, or SYSROOT=DIR")
  fi

  if [ "${#missing_packs[@]}" -gt 0 ] || [ "${#missing_tools[@]}" -gt 0 ] || [ "${#problems[@]}" -gt 0 ]; then
    {
      echo "$label: cannot build the $rid Native AOT bundle ($framework) on this machine. Missing:"
      if [ "${#missing_packs[@]}" -gt 0 ]; then
        echo "  NuGet packages that the configured feeds ($(dotnet nuget list source --format short 2>/dev/null | awk '{print $2}' | paste -sd' ' -)) do not serve,"
        echo "  in the versions matching SDK $(dotnet --version):"
        printf '    - %s\n' "${missing_packs[@]}"
      fi
      if [ "${#missing_tools[@]}" -gt 0 ]; then
        echo "  cross toolchain (host $host_arch, target $target_arch):"
        printf '    - %s\n' "${missing_tools[@]}"
      fi
      if [ "${#problems[@]}" -gt 0 ]; then
        printf '  - %s\n' "${problems[@]}"
      fi
      echo "How to fix:"
      [ "${#missing_packs[@]}" -eq 0 ] || echo "  - packs: they are published on the public NuGet feed; point NuGet at a feed that serves them, or put the .nupkg files in a folder and 'dotnet nuget add source DIR', or build on the board itself (arm64 .NET SDK)"
      [ "${#missing_tools[@]}" -eq 0 ] || echo "  - toolchain (Debian/Ubuntu): sudo apt-get install clang llvm binutils-$triple gcc-$triple"
    } >&2
    exit 3
  fi
}

# ------------------------------------------------------------------------------------------------------- build
publish_app() {
  "$root/scripts/fetch-native.sh" "$rid"

  echo "$label: publishing $project ($rid, $framework, Native AOT)"
  rm -rf "$publish"
  log="$work/publish.log"
  if ! dotnet publish "$project" -c Release -r "$rid" -f "$framework" "${build_props[@]}" -o "$publish" -nologo >"$log" 2>&1; then
    grep -E 'error|warning (IL|AOT)' "$log" | sort -u | head -40 >&2 || true
    die "dotnet publish failed (log: $log)"
  fi
  warnings="$({ grep -E 'warning (IL|AOT)[0-9]+' "$log" || true; } | sort -u | wc -l)"
  if [ "$warnings" -gt 0 ]; then
    grep -E 'warning (IL|AOT)[0-9]+' "$log" | sort -u | head -20 >&2
    [ "$allow_warnings" -eq 1 ] || die "$warnings IL/AOT warning(s): the trimmed binary may misbehave (--allow-warnings to bundle anyway)"
  fi
}

publish="$work/publish"
if [ -n "$from_publish" ]; then
  [ -d "$from_publish" ] || die "--from-publish $from_publish is not a directory"
  publish="$from_publish"
  echo "$label: packaging the existing publish in $publish"
else
  preflight
  publish_app
fi

binary="$publish/edgerouter"
[ -x "$binary" ] || die "no edgerouter executable in $publish"
machine="$(od -An -tx1 -j18 -N1 "$binary" | tr -d ' ')"
[ "$machine" = "$elf_machine" ] || die "$binary is not a $target_arch ELF executable (e_machine 0x$machine)"

# ------------------------------------------------------------------------------------------------------- stage
stage="$out/$name"
rm -rf "$stage" "$out/$name.tar.gz" "$out/$name.tar.gz.sha256"
mkdir -p "$stage"
install -m 0755 "$binary" "$stage/edgerouter"
shopt -s nullglob
libs=("$publish"/*.so "$publish"/*.so.*)
shopt -u nullglob
[ "${#libs[@]}" -gt 0 ] || die "no llama.cpp libraries in $publish (scripts/fetch-native.sh $rid)"
install -m 0644 "${libs[@]}" "$stage/"
[ ! -f "$root/runtime/$rid/LICENSE.llama-cpp-prebuilt" ] || install -m 0644 "$root/runtime/$rid/LICENSE.llama-cpp-prebuilt" "$stage/"
install -m 0644 "$root/deploy/edgerouter.service" "$root/deploy/edgerouter-jetson-cuda.conf" "$root/deploy/config.json" \
  "$root/deploy/README.md" "$stage/"
install -m 0755 "$root/scripts/install.sh" "$stage/install.sh"
commit="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
# The highest glibc symbol version the binary and the libraries need (install.sh refuses an older target).
min_glibc="$("$root/scripts/glibc-floor.sh" --quiet "$stage" | sed -n 's/^glibc floor: GLIBC_\([0-9.]*\).*/\1/p' || true)"
cat >"$stage/BUILD-INFO" <<EOF
version=$version
rid=$rid
framework=$framework
commit=$commit
min_glibc=${min_glibc:-2.34}
EOF

# Reproducible-ish: fixed owner, sorted names, mtime of the commit.
mtime="$(git -C "$root" log -1 --format=%cI 2>/dev/null || echo '2026-01-01T00:00:00Z')"
tar --owner=0 --group=0 --numeric-owner --sort=name --mtime="$mtime" -czf "$out/$name.tar.gz" -C "$out" "$name"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
size="$(du -h "$out/$name.tar.gz" | cut -f1)"
echo "$label: $out/$name.tar.gz ($size; binary $(stat -c %s "$stage/edgerouter") bytes, ${#libs[@]} libraries)"
