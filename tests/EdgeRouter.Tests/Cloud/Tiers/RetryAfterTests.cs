using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Cloud.Tiers;

/// <summary>
/// Retry-After is a minimum and only ever extends a cooldown; waits are capped; when everything is cooling the client
/// gets 503 with Retry-After = the soonest expiry.
/// </summary>
public sealed class RetryAfterTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CloudConfig Config() => new()
    {
        // Two upstreams on one key (one failure domain), plus one on another key.
        Upstreams = [Upstream(_server, "a"), Upstream(_server, "b"), Upstream(_server, "c", key: "KEY_B")],
        Routes =
        [
            new RouteConfig { Name = "ra", Chain = ["a"] },
            new RouteConfig { Name = "rb", Chain = ["b"] },
            new RouteConfig { Name = "all", Chain = ["a", "c"] },
        ],
        Cooldowns = new CooldownConfig { Throttle = TimeSpan.FromSeconds(5), MaxThrottle = TimeSpan.FromSeconds(300) },
        // Two sends in flight on one cold key on purpose (which answer lands last); slow start would hold the second.
        SlowStart = new SlowStartConfig { MaxInFlight = 0 },
    };

    [Fact]
    public async Task ShorterRetryAfter_NeverShortensAnActiveCooldown()
    {
        // Both requests are in flight on the same domain; the long answer lands first, the short one second.
        var releaseLong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseShort = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Set("a", Behaviors.Gated(releaseLong.Task, Behaviors.Throttled(retryAfter: "60")));
        _server.Set("b", Behaviors.Gated(releaseShort.Task, Behaviors.Status(429, "{}", retryAfterMs: "1000")));
        await using var h = await StartAsync(Config());

        var first = h.RunAsync("ra");
        var second = h.RunAsync("rb");
        await _server.WaitForRequests("a", 1);
        await _server.WaitForRequests("b", 1);
        releaseLong.SetResult();
        Assert.Equal(TimeSpan.FromSeconds(60), (await first).Failure!.RetryAfter);
        releaseShort.SetResult();
        var shortAnswer = await second;

        Assert.Equal(TimeSpan.FromSeconds(60), shortAnswer.Failure!.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(60), h.Upstreams.Cooldowns.Remaining("env:KEY_A"));
    }

    [Fact]
    public async Task LongerRetryAfter_ExtendsTheCooldown()
    {
        var releaseShort = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseLong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Set("a", Behaviors.Gated(releaseShort.Task, Behaviors.Throttled(retryAfter: "10")));
        _server.Set("b", Behaviors.Gated(releaseLong.Task, Behaviors.Throttled(retryAfter: "90")));
        await using var h = await StartAsync(Config());

        var first = h.RunAsync("ra");
        var second = h.RunAsync("rb");
        await _server.WaitForRequests("a", 1);
        await _server.WaitForRequests("b", 1);
        releaseShort.SetResult();
        await first;
        Assert.Equal(TimeSpan.FromSeconds(10), h.Upstreams.Cooldowns.Remaining("env:KEY_A"));
        releaseLong.SetResult();
        await second;

        Assert.Equal(TimeSpan.FromSeconds(90), h.Upstreams.Cooldowns.Remaining("env:KEY_A"));
    }

    [Fact]
    public async Task HugeRetryAfter_IsCapped()
    {
        _server.Set("a", Behaviors.Throttled(retryAfter: "86400"));
        await using var h = await StartAsync(Config());

        var routed = await h.RunAsync("ra");

        Assert.Equal(TimeSpan.FromSeconds(300), routed.Failure!.RetryAfter);
        _server.Set("a", Behaviors.Stream("ok"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(300));
        // The capped rest is over: probes, not the next real request, decide when the tier is back.
        Assert.Equal("a=probing", (await h.RunAsync("ra")).Trace.FallbackSummary);
        await h.RecoverAsync("a");
        Assert.True((await h.RunAsync("ra")).Served);
        Assert.Equal(2, _server.Traffic("a"));
    }

    [Fact]
    public async Task HttpDateRetryAfter_IsHonoured()
    {
        await using var h = await StartAsync(Config());
        var date = (h.Time.GetUtcNow() + TimeSpan.FromSeconds(42)).ToString("r");
        _server.Set("a", Behaviors.Throttled(retryAfter: date));

        var routed = await h.RunAsync("ra");

        Assert.Equal(TimeSpan.FromSeconds(42), routed.Failure!.RetryAfter);
    }

    [Fact]
    public async Task EverythingCooling_503WithSoonestExpiry()
    {
        _server.Set("a", Behaviors.Throttled(retryAfter: "40"));
        _server.Set("c", Behaviors.Throttled(retryAfter: "25"));
        await using var h = await StartAsync(Config());

        var routed = await h.RunAsync("all");

        Assert.Equal(503, routed.Failure!.StatusCode);
        Assert.Equal("all_tiers_cooling", routed.Failure.Code);
        Assert.Equal(TimeSpan.FromSeconds(25), routed.Failure.RetryAfter);
        Assert.Equal("a=http-429, c=http-429", routed.Trace.FallbackSummary);

        h.Time.Advance(TimeSpan.FromSeconds(10));
        var later = await h.RunAsync("all");
        Assert.Equal(TimeSpan.FromSeconds(15), later.Failure!.RetryAfter);
        Assert.Equal("a=cooling, c=cooling", later.Trace.FallbackSummary);
        Assert.Equal(1, _server.Requests("a"));
        Assert.Equal(1, _server.Requests("c"));
        var json = System.Text.Encoding.UTF8.GetString(later.Failure.ToOpenAiErrorJson(later.Trace));
        Assert.Contains("\"attempts\":[{\"tier\":\"a\",\"outcome\":\"skipped\",\"reason\":\"cooling\"", json);
    }
}
