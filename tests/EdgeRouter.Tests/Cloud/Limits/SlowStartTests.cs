using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Cloud.Limits;

/// <summary>
/// The storm incident (issue 16, item 4): a burst after idle reached a cold key all at once, and the first answer, a
/// 429, found 8 requests already spent. A cold failure domain lets at most <see cref="SlowStartConfig.MaxInFlight"/>
/// requests out until its first good answer.
/// </summary>
public sealed class SlowStartTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CloudConfig Config(SlowStartConfig? slowStart = null) => new()
    {
        Upstreams = [Upstream(_server, "cloud", limits: new UpstreamLimits { MaxConcurrency = 16 }), Upstream(_server, "twin")],
        Routes = [new RouteConfig { Name = "smart", Chain = ["cloud", "twin"] }],
        SlowStart = slowStart ?? new SlowStartConfig(),
    };

    /// <summary>Sends <paramref name="count"/> requests at once; the first reaching <paramref name="scenario"/> is held until the rest are done.</summary>
    private async Task<List<Routed>> BurstAsync(RouterHarness h, int count, string scenario, int reaching, TaskCompletionSource release)
    {
        var burst = Enumerable.Range(0, count).Select(_ => Task.Run(() => h.RunAsync("smart"))).ToList();
        await _server.WaitForRequests(scenario, reaching);
        // Every request the domain refused has already ended; only the held ones are still waiting for an answer.
        // Woken by each answer; the guard only bounds the wait (10 s).
        var unanswered = new List<Task>(burst);
        var guard = Task.Delay(TimeSpan.FromSeconds(10));
        while (true)
        {
            unanswered.RemoveAll(t => t.IsCompleted);
            if (unanswered.Count <= reaching || await Task.WhenAny(Task.WhenAny(unanswered), guard) == guard)
            {
                break;
            }
        }
        release.SetResult();
        return [.. await Task.WhenAll(burst)];
    }

    [Fact]
    public async Task BurstOf40AfterIdle_ToAThrottlingKey_SpendsOneRequest()
    {
        _server.Set("cloud", Behaviors.Stream("warm"));
        await using var h = await StartAsync(Config());
        Assert.Equal("cloud", (await h.RunAsync("smart")).Trace.Tier);

        // A quiet spell longer than the idle time, and meanwhile the provider's limit for the key is spent elsewhere.
        await h.AdvanceAsync(TimeSpan.FromSeconds(61));
        var release = new TaskCompletionSource();
        _server.Set("cloud", Behaviors.Gated(release.Task, Behaviors.Throttled("30")));
        var routed = await BurstAsync(h, 40, "cloud", reaching: 1, release);

        Assert.Equal(2, _server.Requests("cloud"));
        Assert.Equal(0, _server.Requests("twin"));
        Assert.Single(routed, r => r.Trace.FallbackSummary.StartsWith("cloud=http-429", StringComparison.Ordinal));
        Assert.Equal(39, routed.Count(r => r.Trace.FallbackSummary.StartsWith("cloud=slow-start", StringComparison.Ordinal)));
        Assert.Contains(h.Events, e => e.Kind == HealthEventKind.Cooldown && e.Subject == "env:KEY_A");
    }

    [Fact]
    public async Task ColdAtStart_SharedByTheDomain_AndWarmAfterTheFirstGoodAnswer()
    {
        await using var h = await StartAsync(Config(new SlowStartConfig { MaxInFlight = 2 }));
        var release = new TaskCompletionSource();
        _server.Set("cloud", Behaviors.Gated(release.Task, Behaviors.Stream("cloud")));
        _server.Set("twin", Behaviors.Stream("twin"));

        var cold = await BurstAsync(h, 10, "cloud", reaching: 2, release);

        // Two in flight to the cold key; "twin" is the same key, so the domain's limit applies to it as well.
        Assert.Equal(2, _server.Requests("cloud"));
        Assert.Equal(0, _server.Requests("twin"));
        Assert.Equal(2, cold.Count(r => r.Served));

        // Answered well: the domain is warm and only the upstream limits (16 in flight) apply.
        var next = new TaskCompletionSource();
        _server.Set("cloud", Behaviors.Gated(next.Task, Behaviors.Stream("cloud")));
        var warm = await BurstAsync(h, 10, "cloud", reaching: 12, next);
        Assert.All(warm, r => Assert.Equal("cloud", r.Trace.Tier));
    }

    [Fact]
    public async Task Off_WhenMaxInFlightIsZero()
    {
        await using var h = await StartAsync(Config(new SlowStartConfig { MaxInFlight = 0 }));
        var release = new TaskCompletionSource();
        _server.Set("cloud", Behaviors.Gated(release.Task, Behaviors.Stream("cloud")));

        var routed = await BurstAsync(h, 8, "cloud", reaching: 8, release);

        Assert.All(routed, r => Assert.Equal("cloud", r.Trace.Tier));
    }

    [Fact]
    public void CooldownOrIdle_MakesTheDomainColdAgain()
    {
        var time = TestClock.Fake();
        var events = new HealthEvents();
        using var slowStarts = new SlowStarts(new SlowStartConfig { MaxInFlight = 1, Idle = TimeSpan.FromSeconds(60) }, time, events);
        var domain = slowStarts.For("env:KEY_A");
        Assert.Same(domain, slowStarts.For("env:KEY_A"));
        Assert.True(domain.IsCold);

        using (var first = domain.TryEnter())
        {
            Assert.NotNull(first);
            Assert.Null(domain.TryEnter());
            Assert.Equal("slow-start", domain.Peek()!.Value.Reason);
            first!.Answered(good: true);
        }
        Assert.False(domain.IsCold);

        // A send from before the cooldown that answers well after it proves nothing about the key now.
        var stale = domain.TryEnter();
        events.Publish(new HealthEvent(HealthEventKind.Cooldown, "env:KEY_A", null, "429"));
        Assert.True(domain.IsCold);
        stale!.Answered(good: true);
        stale.Dispose();
        Assert.True(domain.IsCold);

        using (var again = domain.TryEnter())
        {
            again!.Answered(good: false);
        }
        Assert.True(domain.IsCold);
        using (var good = domain.TryEnter())
        {
            good!.Answered(good: true);
        }
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(domain.IsCold);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(domain.IsCold);
    }
}
