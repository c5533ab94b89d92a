// Greedy decode of a fixed number of tokens with LLamaSharp 0.30.0 (in process, its own llama.cpp build), timed like
// the other peers: ttft = prompt decode + first pick; decode tok/s = (n - 1) / (last token - first token). The AVX
// level is forced in code (under Native AOT LLamaSharp silently falls back to its no-AVX library otherwise).
// Prints one JSON object.
//   llamasharp-peer --model M --prompt-file F --tokens 64 --threads 2 --ctx 1024 --reps 1 --warmup 1 [--avx avx512]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LLama;
using LLama.Common;
using LLama.Native;

var opts = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    opts[args[i].TrimStart('-')] = args[i + 1];
}

string Opt(string key, string fallback) => opts.TryGetValue(key, out var v) ? v : fallback;
int IntOpt(string key, int fallback) => int.Parse(Opt(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var model = Opt("model", "");
var prompt = File.ReadAllText(Opt("prompt-file", "bench/local-prompt.txt")).Trim();
var tokens = IntOpt("tokens", 64);
var threads = IntOpt("threads", 2);
var reps = IntOpt("reps", 1);
var warmup = IntOpt("warmup", 1);
var cpuFlags = File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : "";
var avxName = Opt("avx", cpuFlags.Contains(" avx512f", StringComparison.Ordinal) ? "avx512"
    : cpuFlags.Contains(" avx2", StringComparison.Ordinal) ? "avx2" : cpuFlags.Contains(" avx ", StringComparison.Ordinal) ? "avx" : "none");
var avx = avxName switch { "avx512" => AvxLevel.Avx512, "avx2" => AvxLevel.Avx2, "avx" => AvxLevel.Avx, _ => AvxLevel.None };
NativeLibraryConfig.All.WithAvx(avx).WithCuda(false).WithVulkan(false);

var load = Stopwatch.StartNew();
var parameters = new ModelParams(model)
{
    ContextSize = (uint)IntOpt("ctx", 1024),
    Threads = threads,
    BatchThreads = threads,
    BatchSize = (uint)IntOpt("batch", 512),
    GpuLayerCount = 0,
};
using var weights = LLamaWeights.LoadFromFile(parameters);
using var context = weights.CreateContext(parameters);
var loadMs = load.Elapsed.TotalMilliseconds;

string[] firstWords = ["The", "What", "How", "This", "We", "It", "You", "Hello", "A", "Hi"];
var runs = new JsonArray();
var decodeRates = new List<double>();
var ttfts = new List<double>();
var promptTokens = 0;
for (var k = 0; k < warmup + reps; k++)
{
    var (ttftMs, decodeTps, nPrompt) = Run($"{firstWords[(k + 3) % firstWords.Length]} {prompt}", k < warmup ? 4 : tokens);
    promptTokens = nPrompt;
    if (k < warmup)
    {
        continue;
    }

    decodeRates.Add(decodeTps);
    ttfts.Add(ttftMs);
    runs.Add(new JsonObject { ["ttft_ms"] = Math.Round(ttftMs, 2), ["decode_tps"] = Math.Round(decodeTps, 2) });
}

var maps = File.Exists("/proc/self/maps") ? File.ReadAllLines("/proc/self/maps") : [];
var library = maps.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
    .FirstOrDefault(p => p.EndsWith("libllama.so", StringComparison.Ordinal)) ?? "unknown";
var result = new JsonObject
{
    ["peer"] = "LLamaSharp 0.30.0",
    ["avx_level"] = avxName,
    ["native_library"] = library,
    ["threads"] = threads,
    ["tokens"] = tokens,
    ["prompt_tokens"] = promptTokens,
    ["load_ms"] = Math.Round(loadMs, 1),
    ["decode_tps"] = Math.Round(Median(decodeRates), 2),
    ["ttft_ms"] = Math.Round(Median(ttfts), 1),
    ["runs"] = runs,
};
Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
return 0;

(double TtftMs, double DecodeTps, int PromptTokens) Run(string text, int count)
{
    context.NativeHandle.MemoryClear();
    var promptIds = context.Tokenize(text, addBos: true, special: false);
    var batch = new LLamaBatch();
    var start = Stopwatch.GetTimestamp();
    for (var i = 0; i < promptIds.Length; i++)
    {
        batch.Add(promptIds[i], i, LLamaSeqId.Zero, i == promptIds.Length - 1);
    }

    Check(context.Decode(batch));
    var next = Argmax(context.NativeHandle.GetLogitsIth(batch.TokenCount - 1));
    var first = Stopwatch.GetTimestamp();
    var pos = promptIds.Length;
    for (var t = 1; t < count; t++)
    {
        batch.Clear();
        batch.Add(next, pos++, LLamaSeqId.Zero, true);
        Check(context.Decode(batch));
        next = Argmax(context.NativeHandle.GetLogitsIth(0));
    }

    var last = Stopwatch.GetTimestamp();
    return (Stopwatch.GetElapsedTime(start, first).TotalMilliseconds,
        (count - 1) / Stopwatch.GetElapsedTime(first, last).TotalSeconds, promptIds.Length);
}

static LLamaToken Argmax(Span<float> logits)
{
    var best = 0;
    for (var i = 1; i < logits.Length; i++)
    {
        if (logits[i] > logits[best])
        {
            best = i;
        }
    }

    return (LLamaToken)best;
}

static void Check(DecodeResult r)
{
    if (r != DecodeResult.Ok)
    {
        throw new InvalidOperationException($"llama_decode returned {r}");
    }
}

static double Median(List<double> values)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }

    var v = values.Order().ToArray();
    return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
}
