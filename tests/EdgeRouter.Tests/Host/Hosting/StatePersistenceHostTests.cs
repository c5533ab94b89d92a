using System.Net;
using EdgeRouter.Cloud.State;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>
/// The host's side of the state file, in-process on a manual clock: restored before traffic, written by the graceful
/// stop's persist step, only with a cloud section, and the config file is never written.
/// </summary>
public sealed class StatePersistenceHostTests() : StateFolderTests("edgerouter-statehost-")
{
    private string StatePath => Path.Join(StateDirectory, StateFile.DefaultFileName);

    private Dictionary<string, string> Environment => new() { ["STATE_DIRECTORY"] = StateDirectory };

    private Task<TestRouter> StartAsync(params string[] args) =>
        TestRouter.StartAsync(new TestRouterOptions { Environment = Environment, Args = args, WaitUntilReady = false });

    private string WriteCloudConfig()
    {
        var path = Path.Join(Folder, "config.json");
        File.WriteAllText(path, $$"""
            {
              "cloud": {
                "upstreams": { "up-a": {{UpstreamJson("a", "provider-a")}} },
                "routes": { "auto": { "chain": ["up-a"] } },
                "cooldowns": { "maxThrottleSeconds": 900 }
              }
            }
            """);
        return path;
    }

    [Fact]
    public async Task GracefulStop_WritesTheState_AndTheNextStartServesFromIt()
    {
        Faulty.Set("a", Behaviors.Throttled(retryAfter: "600"));
        var config = WriteCloudConfig();
        var configBytes = await File.ReadAllBytesAsync(config);
        var configWritten = File.GetLastWriteTimeUtc(config);

        await using (var first = await StartAsync("--config", config))
        {
            using var throttled = await first.Client.PostAsync("/v1/chat/completions", Chat());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, throttled.StatusCode);
            // The manual clock never reaches the coalescing timer: only the stop's persist step writes.
            Assert.False(File.Exists(StatePath));

            await first.Router.StopAsync();
            var report = await first.Router.FinishStopAsync();

            Assert.Null(report.PersistError);
            Assert.Contains(first.Logs.Lines, l => l.Contains("[1100]", StringComparison.Ordinal) && l.Contains(StatePath, StringComparison.Ordinal));
        }
        // Every test clock starts at TestClock.Start, both routers' too: the restart takes no time.
        var saved = Assert.Single(new StateFile(StatePath, TestClock.Fake(), new LogCapture().CreateLogger("check")).Load().Cooldowns);
        Assert.Equal("provider-a", saved.Domain);

        await using var second = await StartAsync("--config", config);
        using var skipped = await second.Client.PostAsync("/v1/chat/completions", Chat());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, skipped.StatusCode);
        Assert.Equal("up-a=cooling", Assert.Single(skipped.Headers.GetValues(RouteHeaders.Fallback)));
        Assert.Equal(TimeSpan.FromSeconds(600), skipped.Headers.RetryAfter!.Delta);
        Assert.Equal(1, Faulty.Requests("a"));
        Assert.Equal(configBytes, await File.ReadAllBytesAsync(config));
        Assert.Equal(configWritten, File.GetLastWriteTimeUtc(config));
    }

    [Fact]
    public async Task LocalOnly_HasNothingToPersist_AndWritesNoFile()
    {
        await using var router = await StartAsync();

        await router.Router.StopAsync();
        var report = await router.Router.FinishStopAsync();

        Assert.Null(report.PersistError);
        Assert.Contains(router.Logs.Lines, l => l.Contains("No state to persist", StringComparison.Ordinal));
        Assert.False(Directory.Exists(StateDirectory));
    }

    [Fact]
    public async Task UnwritableStateDirectory_IsReportedByTheStop_NotFatal()
    {
        Faulty.Set("a", Behaviors.Throttled(retryAfter: "600"));
        await File.WriteAllTextAsync(StateDirectory, "a file where the state directory should be");
        await using var router = await StartAsync("--config", WriteCloudConfig());
        using var throttled = await router.Client.PostAsync("/v1/chat/completions", Chat());

        await router.Router.StopAsync();
        var report = await router.Router.FinishStopAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, throttled.StatusCode);
        Assert.Contains(StateDirectory, report.PersistError);
        Assert.Contains(router.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[452]", StringComparison.Ordinal));
    }

    private static HttpContent Chat() => ApiAssert.Json("""{"model":"auto","messages":[{"role":"user","content":"Hi"}],"max_tokens":4}""");
}
