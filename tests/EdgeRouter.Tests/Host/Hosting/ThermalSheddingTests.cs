using System.Net;
using EdgeRouter.Tests.Support;
using EdgeRouter.Tests.Edge;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>
/// Thermal shedding end to end: a fixture board whose SoC zone reads hot makes the local tier answer 503 with
/// Retry-After on both API surfaces; once the zone cools and the sampler ticks, requests run again.
/// </summary>
public sealed class ThermalSheddingTests : IDisposable
{
    private readonly string _root = FixtureTrees.CopyToTemp(FixtureTrees.X86);

    // x86_pkg_temp is the SoC zone on the x86 fixture; it has no trips, so the PC default (hot at 85 °C) applies.
    private string SocTemperatureFile => Path.Join(_root, "sys", "class", "thermal", "thermal_zone1", "temp");

    [Fact]
    public async Task HotBoard_Sheds503WithRetryAfterOnBothSurfaces_ThenServesWhenCooled()
    {
        File.WriteAllText(SocTemperatureFile, "95000\n");
        var fake = new FakeTextGenerator();
        await using var router = await TestRouter.StartAsync(new TestRouterOptions
        {
            Environment = new Dictionary<string, string> { ["EDGEROUTER_TELEMETRY_ROOT"] = _root },
            Fake = fake,
            Args = ["--config", WriteConfig("""{ "thermal": { "hotRetryAfterSeconds": 45 }, "telemetry": { "intervalSeconds": 2 } }""")],
            WaitUntilReady = false,
        });
        await router.Router.ModelLoad.WaitAsync(TimeSpan.FromSeconds(10));

        using (var openAi = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}]}""")))
        {
            var error = await ApiAssert.OpenAiErrorAsync(openAi, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("too hot", error.GetProperty("message").GetString());
            Assert.Equal(TimeSpan.FromSeconds(45), openAi.Headers.RetryAfter?.Delta);
        }
        using (var ollama = await router.Client.PostAsync("/api/chat", ApiAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"stream":false}""")))
        {
            Assert.Contains("too hot", await ApiAssert.OllamaErrorAsync(ollama, HttpStatusCode.ServiceUnavailable));
            Assert.Equal(TimeSpan.FromSeconds(45), ollama.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(0, fake.Generations);
        Assert.Contains(router.Logs.Lines, l => l.Contains("Thermal state Normal -> Hot", StringComparison.Ordinal));

        File.WriteAllText(SocTemperatureFile, "50000\n");
        router.Time.Advance(TimeSpan.FromSeconds(2));

        using var served = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}]}"""));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(1, fake.Generations);
    }

    private string WriteConfig(string json)
    {
        var path = Path.Join(_root, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
