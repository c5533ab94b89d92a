using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using Polly.CircuitBreaker;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Cloud.Failback;

/// <summary>
/// A rest that arrives from elsewhere (restored at start, before any traffic) takes a tier down like a fresh one; an
/// operator's cooldown clear or breaker reset brings it back at once, without probes.
/// </summary>
public sealed class OperatorAndRestoreTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CloudConfig Config() => new()
    {
        Upstreams = [Upstream(_server, "cloud")],
        Routes = [new RouteConfig { Name = "smart", Chain = ["cloud"] }],
        Breaker = new BreakerConfig { MinimumThroughput = 2, FailureRatio = 1, BreakDuration = TimeSpan.FromSeconds(30) },
    };

    [Fact]
    public async Task CooldownRestoredBeforeAnyTraffic_TakesTheTierDown_ProbesAfterIt()
    {
        _server.Set("cloud", Behaviors.Stream("cloud"));
        await using var h = await StartAsync(Config());

        h.Upstreams.Cooldowns.Impose("env:KEY_A", CooldownKind.Throttle, TimeSpan.FromSeconds(120), "restored from the state file");

        var down = Assert.Single(h.Events, e => e.Kind == HealthEventKind.TierDown);
        Assert.Equal("cloud", down.Subject);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromSeconds(120), down.Until);
        Assert.Equal("cloud=cooling", (await h.RunAsync("smart")).Trace.FallbackSummary);
        await h.AdvanceAsync(TimeSpan.FromSeconds(120));
        Assert.Equal("cloud=probing", (await h.RunAsync("smart")).Trace.FallbackSummary);
        await h.RecoverAsync("cloud");
        Assert.True((await h.RunAsync("smart")).Served);
        Assert.Equal(1, _server.Traffic("cloud"));
    }

    [Fact]
    public async Task BreakerOpenedEventFromElsewhere_HonoursItsUntil()
    {
        _server.Set("cloud", Behaviors.Stream("cloud"));
        await using var h = await StartAsync(Config());

        h.Upstreams.Events.Publish(new HealthEvent(HealthEventKind.BreakerOpened, "cloud", h.Time.GetUtcNow() + TimeSpan.FromSeconds(50), "restored"));

        Assert.Equal(FailbackState.Down, h.Upstreams.Failback("cloud").State);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromSeconds(50), h.Upstreams.Failback("cloud").Until);
        Assert.Equal("cloud=down", (await h.RunAsync("smart")).Trace.FallbackSummary);
        await h.AdvanceAsync(TimeSpan.FromSeconds(49));
        Assert.Equal(0, _server.Probes("cloud"));
        await h.RecoverAsync("cloud");
        Assert.Equal(3, _server.Probes("cloud"));
    }

    [Fact]
    public async Task OperatorClearsCooldown_TierBackAtOnce_NoProbes()
    {
        _server.Set("cloud", Behaviors.Throttled("60"));
        await using var h = await StartAsync(Config());
        Assert.Equal("cloud=http-429", (await h.RunAsync("smart")).Trace.FallbackSummary);
        Assert.Equal("down", Assert.Single(h.Upstreams.UpstreamStatuses()).Health);

        Assert.True(h.Upstreams.ClearCooldown("cloud").Succeeded);

        Assert.Equal(FailbackState.InService, h.Upstreams.Failback("cloud").State);
        Assert.Contains(h.Events, e => e.Kind == HealthEventKind.TierUp && e.Subject == "cloud");
        _server.Set("cloud", Behaviors.Stream("cloud"));
        Assert.True((await h.RunAsync("smart")).Served);
        Assert.Equal(0, _server.Probes("cloud"));
    }

    [Fact]
    public async Task OperatorResetsBreaker_TierBackAtOnce_NoProbes()
    {
        _server.Set("cloud", Behaviors.ServerError);
        await using var h = await StartAsync(Config());
        await h.RunAsync("smart");
        await h.RunAsync("smart");
        Assert.Equal(CircuitState.Open, h.Upstreams.Breaker("cloud").State);
        Assert.Equal(FailbackState.Down, h.Upstreams.Failback("cloud").State);

        Assert.True((await h.Upstreams.ResetBreakerAsync("cloud")).Succeeded);

        Assert.Equal(FailbackState.InService, h.Upstreams.Failback("cloud").State);
        _server.Set("cloud", Behaviors.Stream("cloud"));
        Assert.True((await h.RunAsync("smart")).Served);
        Assert.Equal(0, _server.Probes("cloud"));
    }
}
