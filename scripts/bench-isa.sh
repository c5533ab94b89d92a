#!/usr/bin/env bash
# The arm64 ISA table of docs/BENCHMARKS.md: what each arm64 CPU library contains, in our npm package
# (@node-llama-cpp/linux-arm64@3.22.1, integrity-checked by scripts/fetch-native.sh) and in LLamaSharp.Backend.Cpu 0.30.0
# (restored from NuGet by bench/LLamaSharpPeer). Counts instructions in the disassembly (aarch64-linux-gnu-objdump):
#   sdot/udot          DOTPROD (armv8.2 int8 dot product, the Q8_0/Q4 matmul kernels)
#   fp16 vector        NEON arithmetic on half-precision lanes (fmla/fmul/fadd/... on .4h/.8h)
#   smmla/ummla        I8MM (armv8.6 int8 matrix multiply)
#   sve                instructions on SVE z registers / predicates
# plus the highest GLIBC_x.y symbol version each library needs and whether it needs libgomp (OpenMP).
# Prints a Markdown table. Usage: scripts/bench-isa.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/prereqs.sh"
command -v aarch64-linux-gnu-objdump >/dev/null || ensure_tool aarch64-linux-gnu-objdump binutils-aarch64-linux-gnu >&2
"$root/scripts/fetch-native.sh" linux-arm64 >&2
ours="$root/runtime/linux-arm64"
sharp="${NUGET_PACKAGES:-$HOME/.nuget/packages}/llamasharp.backend.cpu/0.30.0/LLamaSharpRuntimes/linux-arm64/native"
if [ ! -d "$sharp" ]; then
  dotnet restore "$root/bench/LLamaSharpPeer" -nologo -v quiet >&2
fi

row() { # row LABEL FILE
  local label="$1" f="$2" dis counts glibc gomp
  dis="$(aarch64-linux-gnu-objdump -d --no-show-raw-insn "$f" 2>/dev/null | awk -F'\t' 'NF >= 3 { print $2 "\t" $3 }')"
  counts="$(awk -F'\t' '
    { m = $1; o = $2 }
    m == "sdot" || m == "udot" { dot++ }
    m == "smmla" || m == "ummla" || m == "usmmla" { mm++ }
    (m ~ /^f(mla|mls|mul|add|sub|max|min|div|abs|neg)/ && o ~ /\.[48]h/) { fp16++ }
    (o ~ /(^|[ ,{])z[0-9]+\./ || o ~ /(^|[ ,{])p[0-9]+\/[mz]/) { sve++ }
    END { printf "%d | %d | %d | %d", dot, fp16, mm, sve }' <<<"$dis")"
  glibc="$(aarch64-linux-gnu-objdump -T "$f" | grep -o 'GLIBC_[0-9.]*' | sort -V | tail -1)"
  gomp="$(aarch64-linux-gnu-objdump -p "$f" | grep -q 'NEEDED.*libgomp' && echo yes || echo no)"
  echo "| $label | \`$(basename "$f")\` | $counts | $glibc | $gomp |"
}

echo "| package | library | sdot/udot | fp16 vector | smmla/ummla | SVE | highest glibc | libgomp |"
echo "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |"
for f in "$ours"/libggml-cpu-*.so; do row "@node-llama-cpp/linux-arm64 3.22.1 (ours)" "$f"; done
row "@node-llama-cpp/linux-arm64 3.22.1 (ours)" "$ours/libllama.v0.5.0.so"
for f in "$sharp"/*.so; do row "LLamaSharp.Backend.Cpu 0.30.0" "$f"; done
