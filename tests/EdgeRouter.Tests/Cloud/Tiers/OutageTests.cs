using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using Polly.CircuitBreaker;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;
using EdgeRouter.Tests.Core.Routing;

namespace EdgeRouter.Tests.Cloud.Tiers;

/// <summary>
/// Connection refused, 500s and a hung upstream each open the breaker after the threshold (3 outages); after the break
/// the tier is probed, real traffic never spends a half-open trial, and enough good probes close the circuit.
/// </summary>
public sealed class OutageTests : IAsyncLifetime
{
    private static readonly BreakerConfig Breaker = new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 3,
        SamplingDuration = TimeSpan.FromSeconds(60),
        BreakDuration = TimeSpan.FromSeconds(30),
    };

    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static CloudConfig Config(UpstreamConfig upstream) => new()
    {
        Upstreams = [upstream],
        Routes = [new RouteConfig { Name = "smart", Chain = [upstream.Name] }],
        Breaker = Breaker,
    };

    [Fact]
    public async Task ServerErrors_OpenBreaker_ProbesBringItBack_CircuitCloses()
    {
        _server.Set("cloud", Behaviors.ServerError);
        await using var h = await StartAsync(Config(Upstream(_server, "cloud")));

        for (var i = 0; i < 3; i++)
        {
            var failed = await h.RunAsync("smart");
            Assert.Equal(502, failed.Failure!.StatusCode);
            Assert.Equal("cloud=http-500", failed.Trace.FallbackSummary);
        }
        Assert.Equal(CircuitState.Open, h.Upstreams.Breaker("cloud").State);

        var open = await h.RunAsync("smart");
        Assert.Equal(3, _server.Requests("cloud"));
        Assert.Equal(503, open.Failure!.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), open.Failure.RetryAfter);
        Assert.Equal("cloud=breaker-open", open.Trace.FallbackSummary);

        await AssertProbesBringItBack(h, "cloud");
    }

    [Fact]
    public async Task HungUpstream_FirstTokenTimeouts_OpenBreaker()
    {
        _server.Set("cloud", Behaviors.Hang);
        await using var h = await StartAsync(Config(Upstream(_server, "cloud")));

        for (var i = 1; i <= 3; i++)
        {
            var pending = h.RunAsync("smart");
            await _server.WaitForRequests("cloud", i);
            h.Time.Advance(TimeSpan.FromSeconds(10));
            var failed = await pending.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(504, failed.Failure!.StatusCode);
            Assert.Equal("cloud=timeout-first-token", failed.Trace.FallbackSummary);
        }

        Assert.Equal(CircuitState.Open, h.Upstreams.Breaker("cloud").State);
        var open = await h.RunAsync("smart");
        Assert.Equal("cloud=breaker-open", open.Trace.FallbackSummary);
        Assert.Equal(3, _server.Requests("cloud"));

        await AssertProbesBringItBack(h, "cloud");
    }

    [Fact]
    public async Task ConnectionRefused_OpensBreaker_FailedProbeKeepsItDown_RecoveryCloses()
    {
        var port = FaultyUpstream.ClosedPort();
        var upstream = Upstream(_server, "cloud") with { BaseUrl = new Uri($"http://127.0.0.1:{port}/cloud/v1/") };
        await using var h = await StartAsync(Config(upstream));

        for (var i = 0; i < 3; i++)
        {
            var failed = await h.RunAsync("smart");
            Assert.Equal(502, failed.Failure!.StatusCode);
            Assert.Equal("cloud=connect-refused", failed.Trace.FallbackSummary);
        }
        Assert.Equal(CircuitState.Open, h.Upstreams.Breaker("cloud").State);
        Assert.Contains(h.Events, e => e.Kind == HealthEventKind.BreakerOpened && e.Subject == "cloud");

        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        var probe = Assert.Single(h.Events, e => e.Kind == HealthEventKind.ProbeFailed && e.Subject == "cloud");
        Assert.Equal("Outage: connect-refused", probe.Reason);
        Assert.Equal("cloud=down", (await h.RunAsync("smart")).Trace.FallbackSummary);
        Assert.Equal(CircuitState.Open, h.Upstreams.Breaker("cloud").State);

        // The upstream comes back on the same port.
        await using var revived = await FaultyUpstream.StartAsync(port);
        revived.Set("cloud", Behaviors.Stream("back"));
        await h.RecoverAsync("cloud");
        var recovered = await h.RunAsync("smart");
        Assert.True(recovered.Served, recovered.Failure?.Message);
        Assert.Equal("back", recovered.Text);
        Assert.Equal(CircuitState.Closed, h.Upstreams.Breaker("cloud").State);
    }

    [Fact]
    public async Task Outage_FailsOverToNextTier_WithinRetryBudget()
    {
        _server.Set("a", Behaviors.ServerError);
        _server.Set("b", Behaviors.ServerError);
        _server.Set("c", Behaviors.Stream("c"));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "a"), Upstream(_server, "b", key: "KEY_B"), Upstream(_server, "c", key: "KEY_B")],
            Routes = [new RouteConfig { Name = "smart", Chain = ["a", "b", "c"] }],
            RetryBudget = new RetryBudgetConfig { Ratio = 0, MinRetries = 1, Window = TimeSpan.FromSeconds(60) },
        });

        var routed = await h.RunAsync("smart");

        // One retry allowed: a fails, b is the retry and fails, c would be a second retry and is not sent.
        Assert.False(routed.Served);
        Assert.Equal("a=http-500, b=http-500, c=retry-budget", routed.Trace.FallbackSummary);
        Assert.Equal(0, _server.Requests("c"));
        Assert.Equal(502, routed.Failure!.StatusCode);
        Assert.Contains("Tier 'a' failed", routed.Failure.Message);

        h.Time.Advance(TimeSpan.FromSeconds(61));
        _server.Set("a", Behaviors.ServerError);
        _server.Set("b", Behaviors.Stream("b"));
        var served = await h.RunAsync("smart");
        Assert.Equal("b", served.Trace.Tier);
        Assert.Equal("2", RouterBasicsTests.Headers(served.Trace)["X-EdgeRouter-Attempts"]);
    }

    private async Task AssertProbesBringItBack(RouterHarness h, string name)
    {
        var sent = _server.Traffic(name);
        _server.Set(name, Behaviors.Stream("recovered"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        // The break is over and the first probe succeeded; real traffic still waits for the rest of them.
        var probing = await h.RunAsync("smart");
        Assert.False(probing.Served);
        Assert.Equal($"{name}=probing", probing.Trace.FallbackSummary);
        Assert.Equal(CircuitState.Open, h.Upstreams.Breaker(name).State);

        await h.RecoverAsync(name);
        Assert.Equal(CircuitState.Closed, h.Upstreams.Breaker(name).State);
        Assert.Equal(sent, _server.Traffic(name));
        Assert.Equal(3, _server.Probes(name));
        var served = await h.RunAsync("smart");
        Assert.True(served.Served);
        Assert.Equal("recovered", served.Text);
        Assert.Contains(h.Events, e => e.Kind == HealthEventKind.TierUp && e.Subject == name);
        Assert.DoesNotContain(h.Events, e => e.Kind == HealthEventKind.BreakerHalfOpened);
    }
}
