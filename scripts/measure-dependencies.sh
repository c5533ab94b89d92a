#!/usr/bin/env bash
# Measures the figures behind the README's "Why these dependencies": what the design card's packages would cost
# here, against what EdgeRouter ships. Writes artifacts/dependencies/measurements.md and prints it.
#
#   scripts/measure-dependencies.sh [--no-aot]
#
#   1. glibc floor (highest GLIBC_x.y needed, scripts/glibc-floor.sh) of our pinned llama.cpp libraries (x64, arm64)
#      and of LLamaSharp.Backend.Cpu 0.30.0's linux-arm64 and linux-x64 libraries (restored with dotnet from NuGet).
#   2. arm64 dot-product and fp16 code: `sdot`/`udot` and fp16 vector (`.8h`) instructions counted with
#      aarch64-linux-gnu-objdump -d in our armv8.2_2 and armv8.0_1 variants and in LLamaSharp's libggml-cpu.so;
#      which ggml CPU variants each ships; whether a library needs OpenMP (libgomp).
#   3. Native AOT size deltas (linux-x64, unless --no-aot): a slim console app (HttpClient through
#      IHttpClientFactory, one sysfs temperature read) published three times: as it is, with
#      Microsoft.Extensions.Http.Resilience's AddStandardResilienceHandler(), and with Iot.Device.Bindings'
#      CpuTemperature; the size difference and the IL/AOT warnings of each.
# LLamaSharp's decode speed is not measured here: scripts/bench.sh runs it as a peer (the LLamaSharp peer).
# Needs: the .NET 10 SDK, binutils-aarch64-linux-gnu (objdump for arm64), and the NuGet feed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
aot=1
[ "${1:-}" != --no-aot ] || aot=0
out="$root/artifacts/dependencies"
work="$out/work"
mkdir -p "$work"
# The probe projects must not inherit this repository's build settings (TargetFrameworks, warnings as errors).
printf '<Project />\n' >"$work/Directory.Build.props"
printf '<Project />\n' >"$work/Directory.Build.targets"
report="$out/measurements.md"
llamasharp_version=0.30.0
resilience_version=10.0.0
iot_version=4.2.0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
objdump_arm64="$(command -v aarch64-linux-gnu-objdump || true)"
[ -n "$objdump_arm64" ] || { echo "measure-dependencies: aarch64-linux-gnu-objdump is required (apt-get install binutils-aarch64-linux-gnu)" >&2; exit 2; }

"$root/scripts/fetch-native.sh" linux-x64 >/dev/null
"$root/scripts/fetch-native.sh" linux-arm64 >/dev/null

# ------------------------------------------------------------------------------------ LLamaSharp's libraries
packages="$work/nuget-packages"
mkdir -p "$work/llamasharp"
cat >"$work/llamasharp/probe.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Library</OutputType></PropertyGroup>
  <ItemGroup><PackageReference Include="LLamaSharp.Backend.Cpu" Version="$llamasharp_version" /></ItemGroup>
</Project>
EOF
dotnet restore "$work/llamasharp/probe.csproj" --packages "$packages" -nologo >"$work/llamasharp/restore.log" 2>&1 ||
  { tail -5 "$work/llamasharp/restore.log" >&2; echo "measure-dependencies: could not restore LLamaSharp.Backend.Cpu $llamasharp_version" >&2; exit 1; }
ls_pkg="$packages/llamasharp.backend.cpu/$llamasharp_version"
ls_rt="$ls_pkg/LLamaSharpRuntimes"   # not runtimes/: the package's .props copies from here
ls_arm64="$ls_rt/linux-arm64/native"
ls_x64="$ls_rt/linux-x64/native"      # one folder per AVX level: noavx avx avx2 avx512

floor() { "$root/scripts/glibc-floor.sh" --quiet "$@" | sed -n 's/^glibc floor: GLIBC_\([0-9.]*\) (highest, from \(.*\))$/\1 (\2)/p'; }
count_ops() { # count_ops FILE REGEX
  "$objdump_arm64" -d --no-show-raw-insn "$1" | awk '{print $2, $3}' | grep -cE "$2" || true
}
variants() { ls "$1" | sed -n 's/^libggml-cpu-\(.*\)\.so$/\1/p' | paste -sd' ' -; }
ggml_version() { local v; v="$(strings "$1/libggml-base.so" | grep -xE '[0-9]+\.[0-9]+\.[0-9]+' || true)"; echo "${v%%$'\n'*}"; }
needs_gomp() { local f; for f in "$1"/*.so; do readelf -d "$f" 2>/dev/null | grep -q 'libgomp' && { echo yes; return; }; done; echo no; }

ours_arm64="$root/runtime/linux-arm64"
ls_cpu="$(ls "$ls_arm64"/libggml-cpu*.so | head -1)"
sdot='^(sdot|udot) '
fp16='^f[a-z]+ v[0-9]+\.8h'

{
  echo "# Dependency measurements ($(date -u +%F), scripts/measure-dependencies.sh)"
  echo
  echo "## llama.cpp libraries: ours (npm @node-llama-cpp 3.22.1, pinned) vs LLamaSharp.Backend.Cpu $llamasharp_version"
  echo
  echo "| | ours linux-arm64 | LLamaSharp linux-arm64 | ours linux-x64 | LLamaSharp linux-x64 |"
  echo "|---|---|---|---|---|"
  echo "| highest glibc needed | $(floor "$ours_arm64") | $(floor "$ls_arm64") | $(floor "$root/runtime/linux-x64") | $(floor "$ls_x64"/*/*.so) |"
  echo "| ggml CPU variants | $(variants "$ours_arm64") | $(variants "$ls_arm64" || true)$(ls "$ls_arm64" | grep -qx 'libggml-cpu.so' && echo '(one: libggml-cpu.so)') | $(variants "$root/runtime/linux-x64" | wc -w) variants | one library per AVX level: $(ls "$ls_x64" | paste -sd' ' -) |"
  echo "| ggml version (string in libggml-base.so) | $(ggml_version "$ours_arm64") | $(ggml_version "$ls_arm64") | $(ggml_version "$root/runtime/linux-x64") | $(ggml_version "$ls_x64/avx2") |"
  echo "| needs OpenMP (libgomp) | $(needs_gomp "$ours_arm64") | $(needs_gomp "$ls_arm64") | $(needs_gomp "$root/runtime/linux-x64") | $(needs_gomp "$ls_x64/avx2") |"
  echo
  echo "arm64 instructions (aarch64-linux-gnu-objdump -d):"
  echo
  echo "| library | sdot/udot | fp16 vector (.8h) |"
  echo "|---|---|---|"
  for f in "$ours_arm64/libggml-cpu-armv8.2_2.so" "$ours_arm64/libggml-cpu-armv8.0_1.so" "$ls_cpu"; do
    label="ours $(basename "$f")"
    [ "$f" != "$ls_cpu" ] || label="LLamaSharp $(basename "$f")"
    echo "| $label | $(count_ops "$f" "$sdot") | $(count_ops "$f" "$fp16") |"
  done
  echo
} >"$report"

# ---------------------------------------------------------------------------------------- Native AOT deltas
aot_variant() { # aot_variant NAME PACKAGE-XML CODE
  local dir="$work/aot-$1"
  rm -rf "$dir" && mkdir -p "$dir"
  cat >"$dir/slim.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings><PublishAot>true</PublishAot><InvariantGlobalization>true</InvariantGlobalization>
    <AssemblyName>slim</AssemblyName>
    <!-- Iot.Device.Bindings 4.2.0 names dependency versions the feed resolves one patch higher (NU1603). -->
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors><NoWarn>\$(NoWarn);NU1603</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.Extensions.Http" Version="10.0.0" />
    $2
  </ItemGroup>
</Project>
EOF
  cat >"$dir/Program.cs" <<EOF
using Microsoft.Extensions.DependencyInjection;
var services = new ServiceCollection();
var http = services.AddHttpClient("upstream", c => c.BaseAddress = new Uri("http://127.0.0.1:9/"));
$3
using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");
Console.WriteLine(client.BaseAddress);
EOF
  (cd "$dir" && nice -n 10 dotnet publish -c Release -r linux-x64 -o "$dir/out" -nologo >"$dir/publish.log" 2>&1) && [ -x "$dir/out/slim" ] && [ ! -e "$dir/out/slim.dll" ] ||
    { tail -20 "$dir/publish.log" >&2; echo "measure-dependencies: AOT publish of the $1 app failed" >&2; exit 1; }
  local warnings
  warnings="$({ grep -oE 'warning (IL|AOT)[0-9]+[^[]*' "$dir/publish.log" || true; } | sort -u)"
  echo "$(stat -c %s "$dir/out/slim") $(grep -c . <<<"$warnings" || true)"
  [ -z "$warnings" ] || sed 's/^/    /' <<<"$warnings" >"$dir/warnings.txt"
}
if [ "$aot" -eq 1 ]; then
  read -r base_size base_warn < <(aot_variant base "" \
    'Console.WriteLine(File.Exists("/sys/class/thermal/thermal_zone0/temp") ? File.ReadAllText("/sys/class/thermal/thermal_zone0/temp").Trim() : "n/a");')
  read -r res_size res_warn < <(aot_variant resilience \
    "<PackageReference Include=\"Microsoft.Extensions.Http.Resilience\" Version=\"$resilience_version\" />" \
    'http.AddStandardResilienceHandler();
Console.WriteLine(File.Exists("/sys/class/thermal/thermal_zone0/temp") ? File.ReadAllText("/sys/class/thermal/thermal_zone0/temp").Trim() : "n/a");')
  read -r iot_size iot_warn < <(aot_variant iot \
    "<PackageReference Include=\"Iot.Device.Bindings\" Version=\"$iot_version\" />" \
    'using var cpu = new Iot.Device.CpuTemperature.CpuTemperature();
Console.WriteLine(cpu.IsAvailable ? cpu.Temperature.DegreesCelsius.ToString() : "n/a");')
  mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
  delta() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f MB", (a - b) / 1000000 }'; }
  {
    echo "## Native AOT (linux-x64) size of a slim app (HttpClient via IHttpClientFactory + one temperature read)"
    echo
    echo "| variant | binary | delta | IL/AOT warnings |"
    echo "|---|---|---|---|"
    echo "| base (File.ReadAllText of thermal_zone0) | $(mb "$base_size") | | $base_warn |"
    echo "| + Microsoft.Extensions.Http.Resilience $resilience_version AddStandardResilienceHandler() | $(mb "$res_size") | $(delta "$res_size" "$base_size") | $res_warn |"
    echo "| + Iot.Device.Bindings $iot_version CpuTemperature | $(mb "$iot_size") | $(delta "$iot_size" "$base_size") | $iot_warn |"
    echo
    for v in resilience iot; do
      if [ -s "$work/aot-$v/warnings.txt" ]; then echo "Warnings ($v):"; echo; echo '```'; cat "$work/aot-$v/warnings.txt"; echo '```'; echo; fi
    done
  } >>"$report"
fi
cat "$report"
