using System.Text;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Upstreams;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using Polly.CircuitBreaker;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Cloud.Tiers;

/// <summary>
/// Failover is allowed until the first content token; after it, a failure ends the stream with an explicit error
/// event (never a clean, truncated end).
/// </summary>
public sealed class StreamingTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CloudConfig Config() => new()
    {
        Upstreams = [Upstream(_server, "flaky"), Upstream(_server, "backup", key: "KEY_B")],
        Routes = [new RouteConfig { Name = "smart", Chain = ["flaky", "backup"] }],
    };

    [Fact]
    public async Task DiesBeforeFirstToken_ClientGetsCompleteAnswerFromNextTier()
    {
        _server.Set("flaky", Behaviors.DieBeforeFirstToken);
        _server.Set("backup", Behaviors.Stream("complete", " answer"));
        await using var h = await StartAsync(Config());

        var routed = await h.RunAsync("smart");

        Assert.True(routed.Served);
        Assert.Null(routed.StreamError);
        Assert.Equal("complete answer", routed.Text);
        // Nothing of the dead stream leaks: the raw passthrough is exactly the backup's stream.
        Assert.Equal(Behaviors.StreamBody("complete", " answer"), routed.Raw);
        Assert.Equal("backup", routed.Trace.Tier);
        Assert.StartsWith("flaky=", routed.Trace.FallbackSummary);
        Assert.Equal(1, _server.Requests("flaky"));
    }

    [Fact]
    public async Task DiesAfterFirstToken_ExplicitErrorEvent_NeverACleanEnd()
    {
        _server.Set("flaky", Behaviors.DieAfterFirstToken("partial", " text"));
        _server.Set("backup", Behaviors.Stream("unused"));
        await using var h = await StartAsync(Config());

        var routed = await h.RunAsync("smart");

        Assert.True(routed.Served);
        Assert.Equal("flaky", routed.Trace.Tier);
        Assert.Equal("partial text", routed.Text);
        var error = Assert.IsType<UpstreamStreamException>(routed.StreamError);
        Assert.Equal("flaky", error.Upstream);
        Assert.StartsWith(Behaviors.RoleFrame + Behaviors.ContentFrame("partial") + Behaviors.ContentFrame(" text"), routed.Raw);
        Assert.EndsWith("\n\n", routed.Raw);
        Assert.Contains("\"error\":{", routed.Raw);
        Assert.Contains("upstream_stream_interrupted", routed.Raw);
        Assert.DoesNotContain("[DONE]", routed.Raw);
        Assert.Equal(0, _server.Requests("backup"));
    }

    [Fact]
    public async Task FirstTokenDeadline_TriggersFailover()
    {
        _server.Set("flaky", Behaviors.HangAfterRole);
        _server.Set("backup", Behaviors.Stream("fast"));
        var bodies = new ResponseBodyWatch();
        await using var h = await StartAsync(Config(), services: bodies.AddTo);

        var pending = h.RunAsync("smart");
        var flaky = await bodies.BodyOf("flaky").WaitAsync(TimeSpan.FromSeconds(10));
        // Asking for more after the role frame: the router has taken it in, and it must not count as a first token.
        await flaky.WaitForReadAfterAsync(Encoding.UTF8.GetByteCount(Behaviors.RoleFrame)).WaitAsync(TimeSpan.FromSeconds(10));
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var routed = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("backup", routed.Trace.Tier);
        Assert.Equal("fast", routed.Text);
        Assert.Equal("flaky=timeout-first-token, ", routed.Trace.FallbackSummary + ", ");
        Assert.Equal(Behaviors.StreamBody("fast"), routed.Raw);
    }

    [Fact]
    public async Task IdleAfterFirstToken_EndsWithErrorEvent_AndCountsAsOutage()
    {
        _server.Set("flaky", Behaviors.StallAfterFirstToken("half"));
        // A committed stream counts once as a success at its first token; a break after that adds an outage.
        // Two broken streams are therefore 4 outcomes with 2 outages: the threshold below.
        await using var h = await StartAsync(Config() with
        {
            Breaker = new BreakerConfig { MinimumThroughput = 4, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30) },
        });

        for (var i = 1; i <= 2; i++)
        {
            var outcome = await h.Router.RouteAsync("smart", Chat(), CancellationToken.None);
            var run = outcome.Run!;
            Assert.Equal("half", await run.Text.ReadAsync());
            h.Time.Advance(TimeSpan.FromSeconds(10));
            var consumed = await Routed.ConsumeAsync(outcome);
            var error = Assert.IsType<UpstreamStreamException>(consumed.StreamError);
            Assert.Equal("timeout-idle", error.Failure.Reason);
            Assert.Contains("timeout-idle", consumed.Raw);
            Assert.DoesNotContain("[DONE]", consumed.Raw);
            Assert.Equal(i == 1 ? CircuitState.Closed : CircuitState.Open, h.Upstreams.Breaker("flaky").State);
        }
    }

    [Fact]
    public async Task ClientCancelsMidStream_RunEndsCancelled_NotCountedAgainstUpstream()
    {
        _server.Set("flaky", Behaviors.StallAfterFirstToken("half"));
        await using var h = await StartAsync(Config() with
        {
            Breaker = new BreakerConfig { MinimumThroughput = 2, FailureRatio = 1, BreakDuration = TimeSpan.FromSeconds(30) },
        });

        for (var i = 0; i < 3; i++)
        {
            using var client = new CancellationTokenSource();
            var outcome = await h.Router.RouteAsync("smart", Chat(), client.Token);
            Assert.Equal("half", await outcome.Run!.Text.ReadAsync());
            await client.CancelAsync();
            var result = await outcome.Run.Completion.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(FinishReason.Cancelled, result.FinishReason);
            await outcome.Run.DisposeAsync();
        }
        Assert.Equal(CircuitState.Closed, h.Upstreams.Breaker("flaky").State);
        Assert.Equal(0, h.Upstreams.Limiter("flaky").InFlight);
    }

    [Fact]
    public async Task ClientCancelsBeforeFirstToken_Throws_AndNothingIsCounted()
    {
        _server.Set("flaky", Behaviors.Hang);
        await using var h = await StartAsync(Config());
        using var client = new CancellationTokenSource();

        var pending = h.Router.RouteAsync("smart", Chat(), client.Token).AsTask();
        await _server.WaitForRequests("flaky", 1);
        await client.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, _server.Requests("backup"));
        Assert.Empty(h.Upstreams.Cooldowns.Snapshot());
        Assert.Equal(0, h.Upstreams.Limiter("flaky").InFlight);
    }
}
