using System.Collections.Concurrent;
using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Cloud.Failback;

/// <summary>
/// A provider that throttles for minutes, with a lucky 200 now and then, must not bounce a tier in and out: it goes
/// down once, is probed only after each cooldown, never sees real traffic meanwhile, and comes back once.
/// </summary>
public sealed class ThrottleWindowTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FiveMinutesOf429s_WithOccasional200s_OneDownOneUp_ProbesOnlyAfterCooldown()
    {
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud"), Upstream(_server, "backup", key: "KEY_B")],
            Routes = [new RouteConfig { Name = "smart", Chain = ["cloud", "backup"] }],
            Cooldowns = new CooldownConfig { Throttle = TimeSpan.FromSeconds(30) },
        });
        var start = h.Time.GetUtcNow();
        var recoversAt = start + TimeSpan.FromMinutes(5);
        var violations = new ConcurrentQueue<string>();
        _server.Set("cloud", (context, n) =>
        {
            var at = h.Time.GetUtcNow() - start;
            // Probes are the route's real request; the fault server recorded this one's body before calling us.
            var probe = _server.Received("cloud")[n - 1].IsProbe;
            if (probe && h.Upstreams.Cooldowns.Active("env:KEY_A") is not null)
            {
                violations.Enqueue($"probe at {at} while the key was cooling");
            }
            if (!probe && h.Upstreams.Failback("cloud").State != FailbackState.InService)
            {
                violations.Enqueue($"real request at {at} while {h.Upstreams.Failback("cloud").Label}");
            }
            // Every third request is lucky: a single 200 in a sea of 429s.
            var answer = h.Time.GetUtcNow() >= recoversAt || n % 3 == 0 ? Behaviors.Stream("cloud") : Behaviors.Throttled("30");
            return answer(context, n);
        });
        _server.Set("backup", Behaviors.Stream("backup"));

        var first = await h.RunAsync("smart");
        Assert.Equal("backup", first.Trace.Tier);
        Assert.Equal("cloud=http-429", first.Trace.FallbackSummary);

        while (h.Time.GetUtcNow() < recoversAt)
        {
            await h.AdvanceAsync(TimeSpan.FromSeconds(5));
            var routed = await h.RunAsync("smart");
            Assert.Equal("backup", routed.Trace.Tier);
            Assert.Matches("^cloud=(cooling|probing)$", routed.Trace.FallbackSummary);
        }

        var lucky = h.Events.Count(e => e.Kind == HealthEventKind.ProbeSucceeded && e.Subject == "cloud");
        Assert.True(lucky >= 2, $"{lucky} lucky probes");
        Assert.True(h.Events.Count(e => e.Kind == HealthEventKind.ProbeFailed && e.Subject == "cloud") >= 5);
        Assert.DoesNotContain(h.Events, e => e.Kind == HealthEventKind.TierUp);
        Assert.Equal(1, _server.Traffic("cloud"));

        await h.RecoverAsync("cloud");
        var back = await h.RunAsync("smart");

        Assert.Equal("cloud", back.Trace.Tier);
        Assert.Equal("cloud", back.Text);
        Assert.Single(h.Events, e => e.Kind == HealthEventKind.TierDown && e.Subject == "cloud");
        Assert.Single(h.Events, e => e.Kind == HealthEventKind.TierUp && e.Subject == "cloud");
        Assert.DoesNotContain(h.Events, e => e.Kind == HealthEventKind.Flapping);
        Assert.Empty(violations);
        var status = Assert.Single(h.Upstreams.UpstreamStatuses(), s => s.Name == "cloud");
        Assert.Equal("in-service", status.Health);
        Assert.Equal(2, status.Transitions);
    }
}
