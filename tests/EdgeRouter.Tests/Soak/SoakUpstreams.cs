using System.Collections.Concurrent;
using EdgeRouter.Tests.Cloud.Support;

namespace EdgeRouter.Tests.Soak;

/// <summary>
/// The cloud side of the soak: one loopback <see cref="FaultyUpstream"/> with a "steady" upstream that always answers
/// and a "flaky" one that plays a seeded mix of faults (429 bursts, 500s, hangs before and after the headers, drops
/// before and after the first token, stalls), counting each fault it plays.
/// </summary>
public sealed class SoakUpstreams : IAsyncDisposable
{
    public const string Steady = "steady";
    public const string Flaky = "flaky";

    private readonly FaultyUpstream _server;
    private readonly ConcurrentDictionary<string, int> _played = new();

    private SoakUpstreams(FaultyUpstream server) => _server = server;

    /// <summary>What the flaky upstream played, by fault ("none" = a clean answer).</summary>
    public IReadOnlyDictionary<string, int> Played => _played;

    public int Requests => _server.Requests(Steady) + _server.Requests(Flaky);

    public static async Task<SoakUpstreams> StartAsync(int seed)
    {
        var upstreams = new SoakUpstreams(await FaultyUpstream.StartAsync());
        upstreams._server.Set(Steady, Behaviors.Stream("steady", " answer"));
        upstreams._server.Set(Flaky, Behaviors.Bursts(every: 25, length: 5,
            upstreams.Counted("429 burst", Behaviors.Throttled(retryAfter: null, retryAfterMs: "100")),
            Behaviors.Weighted(seed,
                (40, upstreams.Counted("none", Behaviors.Stream("flaky", " answer", " in", " parts"))),
                (12, upstreams.Counted("500", Behaviors.ServerError)),
                (6, upstreams.Counted("429 single", Behaviors.Throttled(retryAfter: null, retryAfterMs: "100"))),
                (8, upstreams.Counted("hang before headers", Behaviors.Hang)),
                (6, upstreams.Counted("hang after headers", Behaviors.HangAfterRole)),
                (6, upstreams.Counted("drop before first token", Behaviors.DieBeforeFirstToken)),
                (14, upstreams.Counted("drop mid-stream", Behaviors.DieAfterFirstToken("partial", " answer"))),
                (8, upstreams.Counted("stall mid-stream", Behaviors.StallAfterFirstToken("partial"))))));
        return upstreams;
    }

    /// <summary>
    /// The router's cloud section: "auto" = local, flaky, steady; "cloud" = flaky, steady; each upstream also by name.
    /// Short timeouts, cooldowns (429s ask for 100 ms), breaker windows and failback (one probe success returns a tier,
    /// probes every second, no flap hold to speak of), so hangs and storms resolve in a second or two and the flaky
    /// upstream keeps being tried (and keeps injecting faults) all through the run.
    /// </summary>
    public string ConfigJson() => $$"""
        {
          "cloud": {
            "upstreams": {
              "{{Flaky}}": {{Upstream(Flaky)}},
              "{{Steady}}": {{Upstream(Steady)}}
            },
            "routes": {
              "auto": { "chain": ["local", "{{Flaky}}", "{{Steady}}"] },
              "cloud": { "chain": ["{{Flaky}}", "{{Steady}}"] }
            },
            "cooldowns": { "throttleSeconds": 0.1, "maxThrottleSeconds": 1 },
            "breaker": { "failureRatio": 0.8, "minimumThroughput": 10, "samplingSeconds": 2, "breakSeconds": 0.5 },
            "retryBudget": { "ratio": 0.5, "windowSeconds": 5, "minRetries": 10 },
            "failback": { "successesToRecover": 1, "probeIntervalSeconds": 1, "maxProbeIntervalSeconds": 1, "probeTimeoutSeconds": 1.5,
                          "flapWindowSeconds": 1, "flapMaxTransitions": 1000, "flapHoldSeconds": 1, "maxFlapHoldSeconds": 1 },
            "requestDeadlineSeconds": 15
          }
        }
        """;

    private string Upstream(string scenario) => $$"""
        { "baseUrl": "{{_server.BaseUrl(scenario)}}", "model": "{{scenario}}-model", "credential": "none", "failureDomain": "{{scenario}}",
          "timeouts": { "connectSeconds": 2, "firstTokenSeconds": 1.5, "idleSeconds": 1, "totalSeconds": 6 } }
        """;

    private UpstreamBehavior Counted(string fault, UpstreamBehavior behavior) => (context, n) =>
    {
        _played.AddOrUpdate(fault, 1, static (_, count) => count + 1);
        return behavior(context, n);
    };

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
