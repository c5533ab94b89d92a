using System.Net;
using System.Text.Json;
using EdgeRouter.Gguf;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Tests.Support;
using EdgeRouter.Tests.Edge;
using EdgeRouter.Tests.Host.Check;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>
/// With no --ctx, the real llama.cpp load takes the largest window the memory guard says fits, read from a fixture
/// /proc/meminfo (so the figure is deterministic), and `edgerouter check` prints the same figure and its memory.
/// </summary>
public sealed class AutomaticContextLoadTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private const long Margin = 256 * MiB;
    private readonly string _root = FixtureTrees.CopyToTemp(FixtureTrees.X86);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void SetAvailable(long bytes) => File.WriteAllText(Path.Join(_root, "proc", "meminfo"),
        $"MemTotal:        {8L * 1024 * 1024} kB\nMemFree:         {bytes / 1024} kB\nMemAvailable:    {bytes / 1024} kB\n");

    private Dictionary<string, string> Environment() => new()
    {
        ["EDGEROUTER_TELEMETRY_ROOT"] = _root,
        ["XDG_CACHE_HOME"] = Path.Join(_root, "cache"),
    };

    private static Task<TestRouter> StartAsync(Dictionary<string, string> environment, params string[] args) =>
        TestRouter.StartAsync(new TestRouterOptions { Environment = environment, LlamaEngine = true, Args = args, WaitUntilReady = false });

    private static async Task<JsonElement> ReadyContextAsync(TestRouter router)
    {
        await router.Router.ModelLoad.WaitAsync(TimeSpan.FromSeconds(60));
        using var response = await router.Client.GetAsync("/readyz");
        var body = await ApiAssert.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("context");
    }

    [Fact]
    public async Task DemoModel_WithPlentyOfMemory_LoadsWithTheCeiling_AndReportsItEverywhere()
    {
        SetAvailable(4096 * MiB);

        await using var router = await StartAsync(Environment());
        var context = await ReadyContextAsync(router);

        Assert.Equal(32768, context.GetProperty("tokens").GetInt32());
        Assert.Equal("f16", context.GetProperty("kv_cache_type").GetString());
        Assert.Equal(32768L * 256, context.GetProperty("kv_cache_bytes").GetInt64()); // 2 layers x 2 heads x (16 + 16) x 2 bytes
        using var show = await router.Client.PostAsync("/api/show", ApiAssert.Json("""{"model":"edgerouter-demo"}"""));
        Assert.Equal(32768, (await ApiAssert.ReadJsonAsync(show)).GetProperty("model_info").GetProperty("llama.context_length").GetInt32());
        Assert.Contains(router.Logs.Lines, l => l.Contains("context 32768 tokens with a f16 KV cache", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoModel_WithTightMemory_LoadsWithTheLargestWindowThatFits()
    {
        // Room for 5,000 tokens of 256 bytes beyond the weights and the margin: 4,999 whole tokens, 4,864 on the 256 grid.
        SetAvailable(ModelGenerator.ComputeFileSize(DemoModel.Spec) + Margin + (5000 * 256));

        await using var router = await StartAsync(Environment());

        Assert.Equal(4864, (await ReadyContextAsync(router)).GetProperty("tokens").GetInt32());
    }

    [Fact]
    public async Task Qwen05Shape_LoadsWithTheLargestWindowThatFits_WithF16AndQ8Caches_AndCheckPrintsIt()
    {
        var model = Path.Join(_root, "qwen2.5-0.5b.gguf");
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.Qwen25_0_5B, TensorType = GgufTensorType.Q8_0, Seed = 3 }, model);
        // Room for 6,000 tokens of 12 KiB (24 layers x 2 KV heads x (64 + 64) x 2 bytes): 5,888 on the 256 grid.
        SetAvailable(new FileInfo(model).Length + Margin + (6000L * 12 * 1024));

        await using (var router = await StartAsync(Environment(), "--model", model))
        {
            var context = await ReadyContextAsync(router);
            Assert.Equal(5888, context.GetProperty("tokens").GetInt32());
            Assert.Equal(32768, context.GetProperty("trained_tokens").GetInt32());
            Assert.Equal(5888L * 12 * 1024, context.GetProperty("kv_cache_bytes").GetInt64());
        }

        // The same memory with a q8_0 cache (34 bytes per 32 elements, flash attention on): 11,264 tokens.
        var q8 = Environment();
        q8["EDGEROUTER_KV_CACHE_TYPE"] = "q8_0";
        await using (var router = await StartAsync(q8, "--model", model))
        {
            var context = await ReadyContextAsync(router);
            Assert.Equal(11264, context.GetProperty("tokens").GetInt32());
            Assert.Equal("q8_0", context.GetProperty("kv_cache_type").GetString());
        }

        using var check = new CheckHarness();
        var config = check.WriteConfig($$$"""{"model":{"path":"{{{model}}}"},"telemetry":{"root":"{{{_root}}}"}}""");
        await check.RunAsync("check", "--config", config);
        var line = Assert.Single(check.Lines, l => l.Contains("qwen2.5-0.5b.gguf", StringComparison.Ordinal) && l.Contains("context", StringComparison.Ordinal));
        Assert.Contains("context 5888 tokens with a f16 KV cache (the largest window that fits in available memory)", line, StringComparison.Ordinal);
        Assert.Contains("KV cache 69 MiB for 5888 tokens", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithoutAModel_PrintsTheDemoWindowAndItsMemory()
    {
        SetAvailable(4096 * MiB);
        using var check = new CheckHarness();
        var config = check.WriteConfig($$$"""{"telemetry":{"root":"{{{_root}}}"}}""");

        await check.RunAsync("check", "--config", config);

        var line = Assert.Single(check.Lines, l => l.Contains("edgerouter-demo", StringComparison.Ordinal) && l.Contains("context", StringComparison.Ordinal));
        Assert.Contains("context 32768 tokens with a f16 KV cache", line, StringComparison.Ordinal);
        Assert.Contains("KV cache 8 MiB for 32768 tokens", line, StringComparison.Ordinal);
    }
}
