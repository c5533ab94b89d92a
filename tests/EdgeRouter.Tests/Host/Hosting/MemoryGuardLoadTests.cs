using System.Net;
using EdgeRouter.Gguf;
using EdgeRouter.Tests.Support;
using EdgeRouter.Tests.Edge;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>
/// The memory guard in the real load path: with a fixture /proc/meminfo that leaves almost nothing available, a model
/// that would need more is refused before llama.cpp is touched, and /readyz says why.
/// </summary>
public sealed class MemoryGuardLoadTests : IDisposable
{
    private readonly string _root = FixtureTrees.CopyToTemp(FixtureTrees.X86);

    [Fact]
    public async Task ModelTooLargeForAvailableMemory_FailsTheLoadWithTheGuardsMessage()
    {
        var meminfo = Path.Join(_root, "proc", "meminfo");
        File.WriteAllText(meminfo, "MemTotal:        1048576 kB\nMemFree:           10240 kB\nMemAvailable:      20480 kB\n");
        var model = Path.Join(_root, "tiny7.gguf");
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.Tiny, TensorType = GgufTensorType.Q8_0, Seed = 7, Name = "tiny7" }, model);

        await using var router = await TestRouter.StartAsync(new TestRouterOptions
        {
            Environment = new Dictionary<string, string> { ["EDGEROUTER_TELEMETRY_ROOT"] = _root },
            LlamaEngine = true,
            Args = ["--model", model, "--ctx", "2048"],
            WaitUntilReady = false,
        });
        await router.Router.ModelLoad.WaitAsync(TimeSpan.FromSeconds(10));

        using var response = await router.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await ApiAssert.ReadJsonAsync(response);
        Assert.Equal("failed", body.GetProperty("status").GetString());
        var reason = body.GetProperty("reason").GetString();
        Assert.Contains("does not fit in memory", reason);
        Assert.Contains("20 MiB is available (MemAvailable in /proc/meminfo)", reason);
        // Refused before the engine: llama.cpp never logged a load.
        Assert.DoesNotContain(router.Logs.Lines, l => l.Contains("EdgeRouter.Llama", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
