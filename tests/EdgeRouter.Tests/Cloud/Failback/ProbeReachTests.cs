using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Cloud.Failback;

/// <summary>
/// A probe asks exactly what real traffic would: same base URL, model, key and limiter. One that asked a shared host
/// some other way would hear "healthy" while the route's own key is still throttled.
/// </summary>
public sealed class ProbeReachTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OwnKeyThrottled_OtherKeyOnTheSameHostFine_TierStaysDown()
    {
        _server.Set("shared", Behaviors.ThrottleKey("sk-key-a", Behaviors.Stream("fine")));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "a", scenario: "shared"), Upstream(_server, "b", key: "KEY_B", scenario: "shared")],
            Routes = [new RouteConfig { Name = "ra", Chain = ["a"] }, new RouteConfig { Name = "rb", Chain = ["b"] }],
        });

        Assert.Equal("a=http-429", (await h.RunAsync("ra")).Trace.FallbackSummary);
        for (var round = 0; round < 5; round++)
        {
            await h.AdvanceToNextProbeAsync("a");
            Assert.NotEqual(FailbackState.InService, h.Upstreams.Failback("a").State);
            Assert.True((await h.RunAsync("rb")).Served);
        }

        var probes = _server.Received("shared").Where(r => r.IsProbe).ToList();
        Assert.Equal(5, probes.Count);
        Assert.All(probes, p => Assert.Equal("/shared/v1/chat/completions", p.Path));
        Assert.All(probes, p => Assert.Equal("Bearer sk-key-a", p.Authorization));
        Assert.Equal(5, h.Events.Count(e => e.Kind == HealthEventKind.ProbeFailed && e.Subject == "a"));
        Assert.DoesNotContain(h.Events, e => e.Kind is HealthEventKind.TierUp or HealthEventKind.ProbeSucceeded);
        Assert.Equal("a=cooling", (await h.RunAsync("ra")).Trace.FallbackSummary);
        Assert.Equal(FailbackState.InService, h.Upstreams.Failback("b").State);
        Assert.Equal(1, _server.Received("shared").Count(r => !r.IsProbe && r.Authorization == "Bearer sk-key-a"));
    }

    [Fact]
    public async Task Probe_WaitsForTheUpstreamsOwnRateBudget()
    {
        _server.Set("cloud", Behaviors.Throttled("30"));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud", limits: new() { RequestsPerMinute = 1, MaxConcurrency = 4 })],
            Routes = [new RouteConfig { Name = "smart", Chain = ["cloud"] }],
            Failback = new FailbackConfig { SuccessesToRecover = 1 },
        });
        Assert.Equal("cloud=http-429", (await h.RunAsync("smart")).Trace.FallbackSummary);
        _server.Set("cloud", Behaviors.Stream("ok"));

        // The cooldown ends after 30 s, but the one request a minute was spent by the request that got the 429.
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, _server.Probes("cloud"));
        Assert.Equal(FailbackState.Probing, h.Upstreams.Failback("cloud").State);
        var wait = h.Upstreams.Failback("cloud").Until - h.Time.GetUtcNow();
        Assert.InRange(wait!.Value, TimeSpan.FromSeconds(29.9), TimeSpan.FromSeconds(30.1));

        await h.AdvanceToNextProbeAsync("cloud");

        Assert.Equal(1, _server.Probes("cloud"));
        Assert.Equal(FailbackState.InService, h.Upstreams.Failback("cloud").State);
    }

    [Fact]
    public async Task DefaultProbe_SendsAMinimalStreamingChatWithItsOwnModelKeyAndMaxTokens()
    {
        _server.Set("cloud", Behaviors.Throttled("30"));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud")],
            Routes = [new RouteConfig { Name = "smart", Chain = ["cloud"] }],
            Failback = new FailbackConfig { SuccessesToRecover = 1 },
        });
        await h.RunAsync("smart");
        _server.Set("cloud", Behaviors.Stream("pong"));

        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(FailbackState.InService, h.Upstreams.Failback("cloud").State);
        var probe = _server.Received("cloud")[^1];
        Assert.Equal("/cloud/v1/chat/completions", probe.Path);
        Assert.Equal("Bearer sk-key-a", probe.Authorization);
        Assert.Contains("\"model\":\"model-cloud\"", probe.Body);
        Assert.Contains("\"max_tokens\":16", probe.Body);
        // Streaming, like traffic: a provider that treats streams differently cannot answer the probe otherwise.
        Assert.Contains("\"stream\":true", probe.Body);
        Assert.Equal("text/event-stream", probe.Accept);
        Assert.Equal(0, _server.Requests("cloud", "/models"));
    }

    [Fact]
    public async Task ModelsProbe_StaysAvailableAsAnExplicitOptIn()
    {
        _server.Set("cloud", Behaviors.Throttled("30"));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud") with { Probe = ProbeKind.Models }],
            Routes = [new RouteConfig { Name = "smart", Chain = ["cloud"] }],
            Failback = new FailbackConfig { SuccessesToRecover = 1 },
        });
        await h.RunAsync("smart");
        _server.Set("cloud", Behaviors.Json("{\"object\":\"list\",\"data\":[]}"));

        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(FailbackState.InService, h.Upstreams.Failback("cloud").State);
        var probe = _server.Received("cloud")[^1];
        Assert.Equal("/cloud/v1/models", probe.Path);
        Assert.Equal("GET", probe.Method);
        Assert.Equal("Bearer sk-key-a", probe.Authorization);
    }
}
