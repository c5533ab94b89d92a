using System.Net;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>
/// Issue #5 "Restart": the binary is SIGKILLed while an upstream's failure domain cools; started again on the same
/// $STATE_DIRECTORY, it still skips that upstream until the same expiry, without sending it a single request.
/// </summary>
public sealed class StateRestartTests() : StateFolderTests("edgerouter-restart-")
{
    [Fact]
    public async Task KilledWhileCooling_StillCoolingAfterRestart_UntilTheSameExpiry()
    {
        Faulty.Set("a", Behaviors.Throttled(retryAfter: "600"));
        var config = StatefulRouterProcess.WriteConfig(Folder,
            new Dictionary<string, string>
            {
                ["up-a"] = UpstreamJson("a", "provider-a"),
            },
            new Dictionary<string, string> { ["auto"] = "up-a" },
            """{ "maxThrottleSeconds": 900 }""");

        DateTimeOffset until;
        await using (var first = await StatefulRouterProcess.StartAsync(config, StateDirectory, Folder))
        {
            using var throttled = await first.ChatAsync("auto");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, throttled.StatusCode);
            Assert.Equal("up-a=http-429", Assert.Single(throttled.Headers.GetValues(RouteHeaders.Fallback)));
            until = (await StatefulRouterProcess.WaitForSavedCooldownAsync(StateDirectory, "provider-a")).Until;
            await first.KillAsync();
        }
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(500), TimeSpan.FromSeconds(600));

        await using var second = await StatefulRouterProcess.StartAsync(config, StateDirectory, Folder);
        using var skipped = await second.ChatAsync("auto");
        var expected = until - DateTimeOffset.UtcNow;

        Assert.Contains(second.Output, l => l.Contains("[450]", StringComparison.Ordinal) && l.Contains("1 cooldown(s)", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, skipped.StatusCode);
        Assert.Equal("up-a=cooling", Assert.Single(skipped.Headers.GetValues(RouteHeaders.Fallback)));
        // Whole seconds, rounded up, computed a moment before `expected` was.
        Assert.InRange(skipped.Headers.RetryAfter!.Delta!.Value.TotalSeconds, Math.Floor(expected.TotalSeconds), Math.Ceiling(expected.TotalSeconds) + 5);
        Assert.Equal(1, Faulty.Requests("a"));
        Assert.Equal(until, Assert.Single(StatefulRouterProcess.Load(StateDirectory).Cooldowns).Until);
    }

    [Fact]
    public async Task TruncatedStateFile_WarnsAndStartsClean()
    {
        Faulty.Set("a", Behaviors.Stream("hello"));
        var config = StatefulRouterProcess.WriteConfig(Folder,
            new Dictionary<string, string>
            {
                ["up-a"] = UpstreamJson("a", "provider-a"),
            },
            new Dictionary<string, string> { ["auto"] = "up-a" },
            "{}");
        Directory.CreateDirectory(StateDirectory);
        await File.WriteAllTextAsync(Path.Join(StateDirectory, "router-state.json"),
            """{"version": 1, "cooldowns": [{"domain": "provider-a", "kind": "Throttle", "until": "2099-01-01T00:00:00+00:00", "rea""");

        await using var router = await StatefulRouterProcess.StartAsync(config, StateDirectory, Folder);
        using var served = await router.ChatAsync("auto");

        Assert.Contains(router.Output, l => l.StartsWith("warn:", StringComparison.Ordinal) && l.Contains("[451]", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(1, Faulty.Requests("a"));
    }
}
