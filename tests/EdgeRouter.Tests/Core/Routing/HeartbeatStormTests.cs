using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Core.Routing;

/// <summary>
/// Twelve heartbeat clients fire at once while the local slot is busy; the provider allows 4 requests and answers
/// 429 beyond. The router must keep within its configured rate budget, never multiply load with retries, answer
/// everyone quickly with a 200 or a 503/429 + Retry-After, and never run two local generations.
/// </summary>
public sealed class HeartbeatStormTests : IAsyncLifetime
{
    private const int Clients = 12;
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CloudConfig Config(int requestsPerMinute) => new()
    {
        Upstreams = [Upstream(_server, "cloud", limits: new UpstreamLimits { RequestsPerMinute = requestsPerMinute, MaxConcurrency = 16 })],
        Routes = [new RouteConfig { Name = "auto", Chain = ["local", "cloud"] }],
        RetryBudget = new RetryBudgetConfig { Ratio = 0.1, Window = TimeSpan.FromSeconds(60), MinRetries = 1 },
        // These storms measure the configured rate budget alone; a cold key's slow start is SlowStartTests' subject.
        SlowStart = new SlowStartConfig { MaxInFlight = 0 },
    };

    [Fact]
    public async Task Storm_RateBudgetMatchesProvider_NoExcessSends()
    {
        _server.Set("cloud", Behaviors.Quota(4, Behaviors.Stream("pong")));
        await using var h = await StartAsync(Config(requestsPerMinute: 4));
        await using var holder = await h.HoldLocalSlotAsync();

        var results = await Storm(h);

        Assert.Equal(4, _server.Requests("cloud"));
        Assert.Equal(4, results.Count(r => r.Served));
        Assert.All(results.Where(r => r.Served), r => Assert.Equal("pong", r.Text));
        AssertEveryClientAnswered(results);
        AssertRetriesWithinBudget(h, results);
        Assert.Equal(1, h.Generator.MaxConcurrent);
    }

    [Fact]
    public async Task Storm_ProviderStricterThanConfig_429sCoolTheDomainAndSendsStayWithinConfiguredBudget()
    {
        _server.Set("cloud", Behaviors.Quota(4, Behaviors.Stream("pong"), retryAfter: "60"));
        await using var h = await StartAsync(Config(requestsPerMinute: 6));
        await using var holder = await h.HoldLocalSlotAsync();

        var results = await Storm(h);

        Assert.InRange(_server.Requests("cloud"), 4, 6);
        Assert.Equal(4, results.Count(r => r.Served));
        AssertEveryClientAnswered(results);
        AssertRetriesWithinBudget(h, results);
        Assert.Equal(1, h.Generator.MaxConcurrent);

        // The 429s cooled the domain: the next heartbeat is not even sent, and is told when to come back.
        var sentBefore = _server.Requests("cloud");
        var after = await h.RunAsync("auto");
        Assert.Equal(sentBefore, _server.Requests("cloud"));
        Assert.Equal(503, after.Failure!.StatusCode);
        Assert.Contains("cloud=cooling", after.Trace.FallbackSummary);
    }

    [Fact]
    public async Task Storm_AfterTheMinute_BudgetRefillsOnTheClock()
    {
        _server.Set("cloud", Behaviors.Stream("pong"));
        await using var h = await StartAsync(Config(requestsPerMinute: 4));
        await using var holder = await h.HoldLocalSlotAsync();
        await Storm(h);
        Assert.Equal(4, _server.Requests("cloud"));

        h.Time.Advance(TimeSpan.FromSeconds(15));
        var results = await Storm(h);

        Assert.Equal(5, _server.Requests("cloud"));
        Assert.Equal(1, results.Count(r => r.Served));
    }

    private static async Task<Routed[]> Storm(RouterHarness h)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(
            () => h.RunAsync("auto", Chat($"heartbeat {i}"), cancellationToken: deadline.Token))));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"the storm took {started.Elapsed}");
        return results;
    }

    private static void AssertEveryClientAnswered(Routed[] results)
    {
        Assert.Equal(Clients, results.Length);
        foreach (var r in results.Where(r => !r.Served))
        {
            var failure = r.Failure!;
            Assert.Contains(failure.StatusCode, new[] { 429, 503 });
            Assert.NotNull(failure.RetryAfter);
            Assert.True(failure.RetryAfter >= TimeSpan.FromSeconds(1));
            var admission = Assert.IsType<Admission.Failed>(r.Outcome.Admission);
            Assert.Equal(failure.RetryAfter, admission.RetryAfter);
            Assert.Same(r.Trace, admission.Trace);
        }
    }

    private static void AssertRetriesWithinBudget(RouterHarness h, Routed[] results)
    {
        // A retry is an upstream send after a failed send within one request.
        var (_, retries, allowance) = h.Router.RetryBudget.Snapshot();
        Assert.True(retries <= allowance, $"{retries} retries, allowance {allowance}");
        Assert.All(results, r => Assert.True(r.Trace.SentAttempts <= 2, r.Trace.FallbackSummary));
        Assert.All(results, r => Assert.True(r.Trace.Attempts.Count(a => a.Tier == "cloud" && a.Outcome != AttemptOutcome.Skipped) <= 1));
    }
}
