using System.Net;
using EdgeRouter.Cloud.State;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>
/// Issue #8 "Crash safety": the binary is SIGKILLed at seeded random moments while its state keeps changing (six
/// failure domains throttled again and again with short, varying Retry-After, so the file is rewritten a few times a
/// second). Each run is killed at a random moment after its first write. After every kill the file loads without a
/// warning and is at least as new as the last write seen, and the next start resumes from it: a long cooldown imposed
/// once at the beginning is never lost, and its upstream never hears from the router again.
/// </summary>
public sealed class StateCrashTests() : StateFolderTests("edgerouter-crash-")
{
    private const int Kills = 20;
    private const int ChurnDomains = 6;

    [Fact]
    public async Task KilledAtRandomMoments_TheStateFileAlwaysLoads_AndRestartResumesTheLastGoodState()
    {
        var random = new Random(20261122);
        var config = WriteChurnConfig();

        SavedCooldown anchor;
        await using (var first = await StatefulRouterProcess.StartAsync(config, StateDirectory, Folder))
        {
            using var throttled = await first.ChatAsync("anchor");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, throttled.StatusCode);
            anchor = await StatefulRouterProcess.WaitForSavedCooldownAsync(StateDirectory, "anchor");
        }

        var lastSave = StatefulRouterProcess.Load(StateDirectory).SavedAt;
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var router = await StatefulRouterProcess.StartAsync(config, StateDirectory, Folder);
            using var skipped = await router.ChatAsync("anchor");
            Assert.Equal("up-anchor=cooling", Assert.Single(skipped.Headers.GetValues(RouteHeaders.Fallback)));

            using var stopChurn = new CancellationTokenSource();
            var churn = ChurnAsync(router, stopChurn.Token);
            // Once this run is writing, kill it at a random moment among its next writes.
            var written = await WaitForSaveAfterAsync(lastSave);
            await Task.Delay(random.Next(0, 600));
            await router.KillAsync();
            await stopChurn.CancelAsync();
            await churn;

            var logs = new LogCapture();
            var state = new StateFile(Path.Join(StateDirectory, StateFile.DefaultFileName), TimeProvider.System,
                logs.CreateLogger("check")).Load();
            Assert.True(logs.Lines.All(l => !l.StartsWith("Warning", StringComparison.Ordinal)),
                $"after kill {kill + 1}: {string.Join("; ", logs.Lines)}");
            Assert.Contains(anchor, state.Cooldowns);
            Assert.True(state.SavedAt >= written, $"after kill {kill + 1} the file is older than a write already seen");
            lastSave = state.SavedAt;
        }

        Assert.Equal(1, Faulty.Requests("anchor"));
    }

    private async Task<DateTimeOffset> WaitForSaveAfterAsync(DateTimeOffset previous)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var saved = StatefulRouterProcess.Load(StateDirectory).SavedAt;
            if (saved > previous)
            {
                return saved;
            }
            Assert.True(DateTime.UtcNow < deadline, "the churn wrote no new state in 20 s");
            await Task.Delay(20);
        }
    }

    private string WriteChurnConfig()
    {
        Faulty.Set("anchor", Behaviors.Throttled(retryAfter: "600"));
        var upstreams = new Dictionary<string, string>
        {
            ["up-anchor"] = UpstreamJson("anchor", "anchor"),
        };
        var routes = new Dictionary<string, string> { ["anchor"] = "up-anchor" };
        for (var i = 0; i < ChurnDomains; i++)
        {
            // 1 to 3 s, so each domain is back (and throttled again) a moment later.
            Faulty.Set($"churn{i}", (context, n) => Behaviors.Throttled(retryAfter: $"{1 + (n % 3)}")(context, n));
            upstreams[$"up-churn{i}"] = UpstreamJson($"churn{i}", $"churn{i}");
            routes[$"churn{i}"] = $"up-churn{i}";
        }
        return StatefulRouterProcess.WriteConfig(Folder, upstreams, routes, """{ "throttleSeconds": 1, "maxThrottleSeconds": 900 }""");
    }

    /// <summary>Asks each churn route in turn until cancelled or the router is gone.</summary>
    private static async Task ChurnAsync(StatefulRouterProcess router, CancellationToken cancellationToken)
    {
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await router.ChatAsync($"churn{i % ChurnDomains}", cancellationToken);
                await Task.Delay(20, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                return;
            }
        }
    }
}
