using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Cloud.Failback;

/// <summary>
/// The flapping-watcher incident (issue 16, item 1): for 10 s the provider throttles chat completions for the route's
/// key while <c>/models</c> answers 200, and real traffic keeps coming every half second. The default probe is the
/// route's real request, so it hears the 429 too: one down, one up, no real request to the throttled key after the
/// first, and the tier back right after the throttle, never held out by flap damping. The opt-in light probe is run
/// through the same sequence to show the test reproduces the incident.
/// </summary>
public sealed class ChatThrottleProbeTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);

    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CloudConfig Config(ProbeKind? probe) => new()
    {
        Upstreams = [Upstream(_server, "cloud") with { Probe = probe }, Upstream(_server, "backup", key: "KEY_B")],
        Routes = [new RouteConfig { Name = "smart", Chain = ["cloud", "backup"] }],
        // Short rests so the 10-second window holds several probe rounds, as it did in the field.
        Cooldowns = new CooldownConfig { Throttle = TimeSpan.FromSeconds(2) },
        Failback = new FailbackConfig { SuccessesToRecover = 2, ProbeInterval = TimeSpan.FromSeconds(1) },
    };

    /// <summary>Chat throttled for the key during the window; /models always 200; chat fine afterwards.</summary>
    private void ThrottleChatFor(RouterHarness h, DateTimeOffset start)
    {
        _server.Set("cloud", (context, n) =>
        {
            if (context.Request.Path.Value!.EndsWith("/models", StringComparison.Ordinal))
            {
                return Behaviors.Json("{\"object\":\"list\",\"data\":[]}")(context, n);
            }
            var throttled = h.Time.GetUtcNow() - start < Window;
            return (throttled ? Behaviors.Throttled("1") : Behaviors.Stream("cloud"))(context, n);
        });
        _server.Set("backup", Behaviors.Stream("backup"));
    }

    private static bool IsProbe(ReceivedRequest r) => r.Body.Contains("\"max_tokens\":16", StringComparison.Ordinal);

    private int RealChatRequests() =>
        _server.Received("cloud").Count(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal) && !IsProbe(r));

    /// <summary>Real traffic every half second through the window and <paramref name="after"/> beyond it.</summary>
    private static async Task<List<Routed>> TrafficAsync(RouterHarness h, DateTimeOffset start, TimeSpan after)
    {
        var routed = new List<Routed>();
        while (h.Time.GetUtcNow() - start < Window + after)
        {
            routed.Add(await h.RunAsync("smart"));
            await h.AdvanceAsync(Step);
        }
        return routed;
    }

    [Fact]
    public async Task DefaultProbe_ChatThrottledModelsFine_OneDownOneUp_NoRealRequestToTheThrottledKey_NotHeld()
    {
        await using var h = await StartAsync(Config(probe: null));
        var start = h.Time.GetUtcNow();
        ThrottleChatFor(h, start);

        var routed = await TrafficAsync(h, start, after: TimeSpan.Zero);

        Assert.Equal("cloud=http-429", routed[0].Trace.FallbackSummary);
        Assert.All(routed, r => Assert.Equal("backup", r.Trace.Tier));
        // The request that found the throttle is the only real one the throttled key ever saw.
        Assert.Equal(1, RealChatRequests());
        var probes = _server.Received("cloud").Where(IsProbe).ToList();
        Assert.NotEmpty(probes);
        Assert.Equal(0, _server.Requests("cloud", "/models"));
        Assert.Single(h.Events, e => e.Kind == HealthEventKind.TierDown && e.Subject == "cloud");
        Assert.DoesNotContain(h.Events, e => e.Kind == HealthEventKind.TierUp && e.Subject == "cloud");

        // The throttle is over: the next probes hear it at once and the tier is back within a few seconds.
        await h.RecoverAsync("cloud");
        Assert.True(h.Time.GetUtcNow() - start < Window + TimeSpan.FromSeconds(5), $"back at {h.Time.GetUtcNow() - start}");
        var back = await h.RunAsync("smart");

        Assert.Equal("cloud", back.Trace.Tier);
        Assert.Single(h.Events, e => e.Kind == HealthEventKind.TierDown && e.Subject == "cloud");
        Assert.Single(h.Events, e => e.Kind == HealthEventKind.TierUp && e.Subject == "cloud");
        Assert.DoesNotContain(h.Events, e => e.Kind == HealthEventKind.Flapping);
        Assert.Equal(2, Assert.Single(h.Upstreams.UpstreamStatuses(), s => s.Name == "cloud").Transitions);
    }

    [Fact]
    public async Task DefaultProbe_IsTheRoutesRealRequest_SameMethodPathModelKeyAndHeaders()
    {
        await using var h = await StartAsync(Config(probe: null));
        var start = h.Time.GetUtcNow();
        ThrottleChatFor(h, start);

        await TrafficAsync(h, start, after: TimeSpan.FromSeconds(5));

        var requests = _server.Received("cloud");
        var real = requests.First(r => !IsProbe(r));
        var probes = requests.Where(IsProbe).ToList();
        Assert.True(probes.Count >= 3, $"{probes.Count} probes");
        Assert.All(probes, p =>
        {
            Assert.Equal(real.Method, p.Method);
            Assert.Equal(real.Path, p.Path);
            Assert.Equal(real.Authorization, p.Authorization);
            Assert.Equal(real.Accept, p.Accept);
            Assert.Contains("\"model\":\"model-cloud\"", p.Body);
            Assert.Contains("\"stream\":true", p.Body);
        });
        Assert.Equal("POST", real.Method);
        Assert.Equal("text/event-stream", real.Accept);
    }

    [Fact]
    public async Task OptInModelsProbe_ReproducesTheIncident_FlapsAndIsHeldAfterRecovery()
    {
        await using var h = await StartAsync(Config(ProbeKind.Models));
        var start = h.Time.GetUtcNow();
        ThrottleChatFor(h, start);

        await TrafficAsync(h, start, after: TimeSpan.FromSeconds(1));

        // /models said "healthy" while chat was throttled: real requests went back into the 429 and the tier flapped.
        Assert.True(RealChatRequests() >= 2, $"{RealChatRequests()} real requests to the throttled key");
        Assert.True(h.Events.Count(e => e.Kind == HealthEventKind.TierDown && e.Subject == "cloud") >= 2);
        Assert.Contains(h.Events, e => e.Kind == HealthEventKind.Flapping && e.Subject == "cloud");
        Assert.Equal(FailbackState.Held, h.Upstreams.Failback("cloud").State);
    }
}
