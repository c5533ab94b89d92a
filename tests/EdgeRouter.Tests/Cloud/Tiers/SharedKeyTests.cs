using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;
using EdgeRouter.Tests.Core.Routing;

namespace EdgeRouter.Tests.Cloud.Tiers;

/// <summary>Two routes on one API key share a failure domain: a 429 on one cools both; another key keeps serving.</summary>
public sealed class SharedKeyTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CloudConfig Config() => new()
    {
        Upstreams = [Upstream(_server, "mini", key: "KEY_A"), Upstream(_server, "big", key: "KEY_A"), Upstream(_server, "other", key: "KEY_B")],
        Routes =
        [
            new RouteConfig { Name = "fast", Chain = ["mini"] },
            new RouteConfig { Name = "smart", Chain = ["big"] },
            new RouteConfig { Name = "alt", Chain = ["other"] },
        ],
    };

    [Fact]
    public async Task ThrottleOnOneRoute_CoolsTheOther_DifferentDomainServes()
    {
        _server.Set("mini", Behaviors.Throttled(retryAfter: "45"));
        _server.Set("big", Behaviors.Stream("big"));
        _server.Set("other", Behaviors.Stream("other"));
        await using var h = await StartAsync(Config());

        var throttled = await h.RunAsync("fast");
        var cooled = await h.RunAsync("smart");
        var unaffected = await h.RunAsync("alt");

        Assert.Equal(503, throttled.Failure!.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(45), throttled.Failure.RetryAfter);
        Assert.Equal("mini=http-429", throttled.Trace.FallbackSummary);

        Assert.Equal(0, _server.Requests("big"));
        Assert.Equal(503, cooled.Failure!.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(45), cooled.Failure.RetryAfter);
        Assert.Equal("big=cooling", cooled.Trace.FallbackSummary);
        Assert.Equal("0", RouterBasicsTests.Headers(cooled.Trace)["X-EdgeRouter-Attempts"]);

        Assert.True(unaffected.Served);
        Assert.Equal("other", unaffected.Text);
        Assert.Contains(h.Events, e => e.Kind == HealthEventKind.Cooldown && e.Subject == "env:KEY_A");

        // Both tiers on the key are probed after the rest; a 429 to either probe would cool the key again.
        _server.Set("mini", Behaviors.Stream("mini"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(45));
        await h.RecoverAsync("big");
        var recovered = await h.RunAsync("smart");
        Assert.True(recovered.Served);
        Assert.Equal(1, _server.Traffic("big"));
    }

    [Fact]
    public async Task ChainAcrossDomains_FailsOverPastTheCooledKey()
    {
        _server.Set("mini", Behaviors.Throttled());
        _server.Set("other", Behaviors.Stream("other"));
        await using var h = await StartAsync(Config() with
        {
            Routes = [new RouteConfig { Name = "smart", Chain = ["mini", "big", "other"] }],
        });

        var routed = await h.RunAsync("smart");

        Assert.True(routed.Served);
        Assert.Equal("other", routed.Trace.Tier);
        Assert.Equal("mini=http-429, big=cooling", routed.Trace.FallbackSummary);
        Assert.Equal(0, _server.Requests("big"));
        var headers = RouterBasicsTests.Headers(routed.Trace);
        Assert.Equal("2", headers["X-EdgeRouter-Attempts"]);
        Assert.Equal("other", headers["X-EdgeRouter-Tier"]);
    }
}
