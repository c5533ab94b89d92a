#!/usr/bin/env bash
# Builds llama-server and llama-bench from the exact llama.cpp source our prebuilt libraries come from
# (node-llama-cpp@3.22.1 carries it as llama/gitRelease.bundle), CPU only, with the instruction-set flags of
# the libggml-cpu-<variant>.so our engine loads on this machine (ggml_backend_score picks the best variant the
# CPU supports; the same choice is made here from /proc/cpuinfo). No OpenMP (the prebuilt libraries do not
# link libgomp), no curl, Release.
#
# The build is cached in .cache/llama-server/<bundle commit>-<variant>/ (git-ignored) and reused; nothing here
# is ever committed. Prints the directory holding bin/llama-server and bin/llama-bench on its last line.
#   scripts/bench-llama-server.sh            # build if missing, print the directory
#   scripts/bench-llama-server.sh --variant  # print the variant name only
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$root/.cache/llama-server"
version="3.22.1"

# The variant ggml_backend_score would pick (ggml/src/CMakeLists.txt, GGML_CPU_ALL_VARIANTS), and its flags.
variant_and_flags() {
  local f; f=" $(grep -m1 -E '^(flags|Features)' /proc/cpuinfo | cut -d: -f2) "
  has() { for x in "$@"; do [[ "$f" == *" $x "* ]] || return 1; done; }
  case "$(uname -m)" in
    x86_64)
      if has avx512f avx512vbmi avx512_vnni avx512_bf16 amx_tile amx_int8; then echo "sapphirerapids -DGGML_AVX512=ON -DGGML_AVX512_VBMI=ON -DGGML_AVX512_VNNI=ON -DGGML_AVX512_BF16=ON -DGGML_AMX_TILE=ON -DGGML_AMX_INT8=ON"
      elif has avx512f avx512vbmi avx512_vnni avx512_bf16; then echo "zen4 -DGGML_AVX512=ON -DGGML_AVX512_VBMI=ON -DGGML_AVX512_VNNI=ON -DGGML_AVX512_BF16=ON"
      elif has avx512f avx512_vnni avx512_bf16; then echo "cooperlake -DGGML_AVX512=ON -DGGML_AVX512_VNNI=ON -DGGML_AVX512_BF16=ON"
      elif has avx512f avx512vbmi avx512_vnni; then echo "icelake -DGGML_AVX512=ON -DGGML_AVX512_VBMI=ON -DGGML_AVX512_VNNI=ON"
      elif has avx512f avx512_vnni; then echo "cascadelake -DGGML_AVX512=ON -DGGML_AVX512_VNNI=ON"
      elif has avx512f avx512vbmi; then echo "cannonlake -DGGML_AVX512=ON -DGGML_AVX512_VBMI=ON"
      elif has avx512f; then echo "skylakex -DGGML_AVX512=ON"
      elif has avx2 avx_vnni; then echo "alderlake -DGGML_AVX_VNNI=ON"
      elif has avx2 bmi2 fma f16c; then echo "haswell"
      else echo "unsupported"; fi ;;
    aarch64)
      if has asimddp asimdhp sve i8mm sve2; then echo "armv8.6_2 -DGGML_CPU_ARM_ARCH=armv8.6-a+dotprod+fp16+sve+i8mm+sve2"
      elif has asimddp asimdhp sve i8mm; then echo "armv8.6_1 -DGGML_CPU_ARM_ARCH=armv8.6-a+dotprod+fp16+sve+i8mm"
      elif has asimddp asimdhp sve; then echo "armv8.2_3 -DGGML_CPU_ARM_ARCH=armv8.2-a+dotprod+fp16+sve"
      elif has asimddp asimdhp; then echo "armv8.2_2 -DGGML_CPU_ARM_ARCH=armv8.2-a+dotprod+fp16"
      elif has asimddp; then echo "armv8.2_1 -DGGML_CPU_ARM_ARCH=armv8.2-a+dotprod"
      else echo "armv8.0_1 -DGGML_CPU_ARM_ARCH=armv8-a"; fi ;;
    *) echo "unsupported" ;;
  esac
}
read -r variant extra <<<"$(variant_and_flags)"
if [ "${1:-}" = "--variant" ]; then echo "$variant"; exit 0; fi
[ "$variant" = unsupported ] && { echo "bench-llama-server: no prebuilt variant matches this CPU" >&2; exit 2; }
x64_base="-DGGML_SSE42=ON -DGGML_AVX=ON -DGGML_F16C=ON -DGGML_FMA=ON -DGGML_AVX2=ON -DGGML_BMI2=ON"
[ "$(uname -m)" = x86_64 ] && extra="$x64_base $extra"

src="$cache/src-$version"
if [ ! -d "$src/.git" ]; then
  command -v npm >/dev/null || { echo "bench-llama-server: npm is required" >&2; exit 2; }
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "node-llama-cpp@$version" >/dev/null)
  tar -xzf "$work"/node-llama-cpp-*.tgz -C "$work" package/llama/gitRelease.bundle
  mkdir -p "$cache" && rm -rf "$src.tmp"
  git clone -q "$work/package/llama/gitRelease.bundle" "$src.tmp" 2>/dev/null
  mv "$src.tmp" "$src"
fi
commit="$(git -C "$src" rev-parse HEAD)"
out="$cache/$commit-$variant"
if [ -x "$out/bin/llama-server" ] && [ -x "$out/bin/llama-bench" ] && [ "${BENCH_LLAMA_FROM_SOURCE:-0}" = 0 ] \
  && grep -q "full_mtmd=${BENCH_LLAMA_FULL_MTMD:-0}" "$out/bin/BUILD-FLAGS" 2>/dev/null; then echo "$out"; exit 0; fi

source "$root/scripts/prereqs.sh"
{ ensure_tool cmake cmake; ensure_tool g++ g++; ensure_tool python3 python3; ensure_tool nm binutils; ensure_tool openssl openssl; } >&2
rid="linux-x64"; [ "$(uname -m)" = aarch64 ] && rid="linux-arm64"
"$root/scripts/fetch-native.sh" "$rid" >&2
libs="$cache/prebuilt-$rid"
if [ ! -f "$libs/libllama-common.so" ] || [ "$(cat "$libs/.integrity" 2>/dev/null)" != "$(cat "$root/runtime/$rid/.integrity")" ]; then
  # runtime/<rid>/ holds what the router loads; the server also needs the package's libllama-common.so (llama.cpp's
  # common library, built by node-llama-cpp from the same commit). Same pinned tarball, same integrity check.
  package="$(awk -v r="$rid" '$1 == r { print $2 }' "$root/native/llama-libs.lock")"
  pinned="$(awk -v r="$rid" '$1 == r { print $3 }' "$root/native/llama-libs.lock")"
  work2="$(mktemp -d)"
  (cd "$work2" && npm pack --silent "$package" >/dev/null)
  [ "sha512-$(openssl dgst -sha512 -binary "$work2"/*.tgz | base64 -w0)" = "$pinned" ] || { echo "bench-llama-server: integrity mismatch for $package" >&2; exit 1; }
  tar -xzf "$work2"/*.tgz -C "$work2"
  rm -rf "$libs" && mkdir -p "$libs"
  cp "$work2/package/bins/$rid"/lib*.so "$libs/"
  echo "$pinned" >"$libs/.integrity"
  rm -rf "$work2"
fi
# shellcheck disable=SC2086
cmake -S "$src" -B "$out/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DGGML_NATIVE=OFF -DGGML_BACKEND_DL=OFF -DGGML_CPU_ALL_VARIANTS=OFF -DGGML_OPENMP=OFF \
  -DGGML_CUDA=OFF -DGGML_VULKAN=OFF -DGGML_METAL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TOOLS=ON \
  $extra >"$out.cmake.log" 2>&1 || { tail -30 "$out.cmake.log" >&2; exit 1; }
mkdir -p "$out/bin"
if [ "${BENCH_LLAMA_FROM_SOURCE:-0}" = 1 ]; then
  # Everything from source (ggml, llama, common too): about 330 translation units, an hour on 2 busy cores.
  echo "bench-llama-server: building llama-server + llama-bench at ${commit:0:12}, variant $variant, all from source (nice 10, -j${BUILD_JOBS:-2})" >&2
  nice -n 10 cmake --build "$out/build" --target llama-server llama-bench -j"${BUILD_JOBS:-2}" >"$out.build.log" 2>&1 \
    || { tail -30 "$out.build.log" >&2; exit 1; }
  cp "$out/build/bin/llama-server" "$out/build/bin/llama-bench" "$out/bin/"
  echo "from-source $variant $commit $extra" >"$out/bin/BUILD-FLAGS"
else
  # Default: compile only the server, its multimodal library (linked in by the server), the HTTP library, the
  # (empty) UI stub and llama-bench, with the exact compile commands CMake generated above, and link them against
  # the pinned prebuilt libllama / libggml / libllama-common of the npm package (its own build of the same commit,
  # checked against the integrity hash in native/llama-libs.lock, as fetch-native.sh does for runtime/<rid>/). The engine code under both servers is then the same
  # bytes, and ggml picks the same libggml-cpu-<variant>.so at run time by the same score.
  echo "bench-llama-server: building llama-server + llama-bench at ${commit:0:12} against the prebuilt libraries of $libs (nice 10, -j${BUILD_JOBS:-2})" >&2
  cmake --build "$out/build" --target llama-ui-assets >"$out.build.log" 2>&1 || { tail -30 "$out.build.log" >&2; exit 1; }
  python3 - "$out/build/compile_commands.json" >"$out/build/objects.list" <<'PY'
import json, os, sys
full_mtmd = os.environ.get('BENCH_LLAMA_FULL_MTMD') == '1'
wanted = ('/mtmd.dir/', '/server-context.dir/', '/llama-server-impl.dir/', '/llama-server.dir/', '/cpp-httplib.dir/',
          '/llama-ui.dir/', '/llama-bench-impl.dir/', '/llama-bench.dir/')
for c in json.load(open(sys.argv[1])):
    obj = c['command'].split(' -o ')[1].split()[0]
    if any(w in '/' + obj for w in wanted):
        # Text-only build (default): of the multimodal library only mtmd.cpp (the entry points the server calls at
        # start-up); its image/audio encoders (clip.cpp, models/*, helpers: 50 translation units) are left out and their
        # symbols get stubs that abort (below). They are reached only with --mmproj, which the bench never passes.
        if full_mtmd or '/mtmd.dir/' not in '/' + obj or obj.endswith('/mtmd.cpp.o'):
            print(c['directory'] + '\t' + obj + '\t' + c['command'])
PY
  # shellcheck disable=SC2016
  nice -n 10 xargs -P "${BUILD_JOBS:-2}" -d '\n' -n 1 bash -c 'IFS=$'"'"'\t'"'"' read -r dir obj cmd <<<"$0"; cd "$dir" && { [ -f "$obj" ] || eval "$cmd"; }' \
    <"$out/build/objects.list" >>"$out.build.log" 2>&1 || { grep -m5 -B2 -A5 "error" "$out.build.log" >&2; exit 1; }
  objs() { awk -F'\t' -v pat="$1" '$2 ~ pat { print $1 "/" $2 }' "$out/build/objects.list"; }
  unresolved=()
  if [ "${BENCH_LLAMA_FULL_MTMD:-0}" != 1 ]; then
    # The encoders left out above: one stub per missing symbol that aborts if ever called (only --mmproj reaches them).
    all_objs="$(awk -F'\t' '{ print $1 "/" $2 }' "$out/build/objects.list")"
    # shellcheck disable=SC2086
    nm -u --format=posix $all_objs | awk '{ print $1 }' | sort -u >"$out/build/mtmd-undefined.txt"
    # shellcheck disable=SC2086
    { nm --defined-only --format=posix $all_objs 2>/dev/null
      for so in "$libs"/*.so "$(g++ -print-file-name=libstdc++.so.6)" "$(gcc -print-file-name=libc.so.6)" \
        "$(gcc -print-file-name=libm.so.6)" "$(gcc -print-file-name=libgcc_s.so.1)"; do nm -D --defined-only --format=posix "$so" 2>/dev/null; done
    } | awk '{ sub(/@.*/, "", $1); print $1 }' | sort -u >"$out/build/defined.txt"
    # Functions return 0 (NULL / false: the multimodal paths check it and fail); data (vtables, the encoders' logger
    # state) is zeroed.
    comm -23 "$out/build/mtmd-undefined.txt" "$out/build/defined.txt" | grep -vE '^$|^_GLOBAL_OFFSET_TABLE_$|^__' \
      | awk '/^_ZT[VIS]/ || /^g_/ { print "char " $1 "[256] __attribute__((aligned(64)));"; next }
             { print "long " $1 "(void) { return 0; }" }' >"$out/build/mtmd-stubs.c"
    gcc -c -O2 -o "$out/build/mtmd-stubs.o" "$out/build/mtmd-stubs.c"
    unresolved=("$out/build/mtmd-stubs.o")
  fi
  link=(-L"$libs" -l:libllama-common.so -l:libllama.v0.5.0.so -l:libggml.v0.5.0.so -l:libggml-base.so -pthread -ldl "-Wl,-rpath,\$ORIGIN")
  # shellcheck disable=SC2046
  nice -n 10 g++ -O3 -o "$out/bin/llama-server" $(objs '/llama-server.dir/') $(objs '/llama-server-impl.dir/') \
    $(objs '/server-context.dir/') $(objs '/mtmd.dir/') $(objs '/cpp-httplib.dir/') $(objs '/llama-ui.dir/') "${link[@]}" "${unresolved[@]}" >>"$out.build.log" 2>&1 \
    || { tail -30 "$out.build.log" >&2; exit 1; }
  # shellcheck disable=SC2046
  nice -n 10 g++ -O3 -o "$out/bin/llama-bench" $(objs '/llama-bench.dir/') $(objs '/llama-bench-impl.dir/') "${link[@]}" >>"$out.build.log" 2>&1 \
    || { tail -30 "$out.build.log" >&2; exit 1; }
  # ggml's backend search looks next to the executable: the same libraries (and CPU variants) as the router loads.
  cp "$libs"/*.so "$out/bin/"
  echo "prebuilt-libs $variant $commit $(cat "$libs/.integrity") full_mtmd=${BENCH_LLAMA_FULL_MTMD:-0}" >"$out/bin/BUILD-FLAGS"
fi
echo "$out"
