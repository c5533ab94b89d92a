using System.Text;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Core.Routing;

/// <summary>Request errors reach the client unchanged without fallback; context overflows go to a bigger tier.</summary>
public sealed class RequestErrorTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task BadRequest_ReachesClientUnchanged_NoFallback()
    {
        _server.Set("a", Behaviors.BadRequest);
        _server.Set("b", Behaviors.Stream("b"));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "a"), Upstream(_server, "b", key: "KEY_B")],
            Routes = [new RouteConfig { Name = "smart", Chain = ["a", "b", "local"] }],
        });

        var routed = await h.RunAsync("smart");

        var failure = routed.Failure!;
        Assert.True(failure.IsPassthrough);
        Assert.Equal(400, failure.StatusCode);
        Assert.Equal(Behaviors.BadRequestBody, Encoding.UTF8.GetString(failure.Body.Span));
        Assert.Equal("application/json", failure.ContentType);
        Assert.Equal(Behaviors.BadRequestBody, Encoding.UTF8.GetString(failure.ToOpenAiErrorJson(routed.Trace)));
        Assert.Equal(0, _server.Requests("b"));
        Assert.Equal(0, h.Generator.Calls);
        Assert.Equal("a=http-400", routed.Trace.FallbackSummary);
        Assert.Equal(0, h.Router.RetryBudget.Snapshot().Retries);
    }

    [Fact]
    public async Task UpstreamContextOverflow_GoesToTheNextBiggerTier()
    {
        _server.Set("small", Behaviors.ContextTooLong);
        _server.Set("same", Behaviors.Stream("same-size"));
        _server.Set("big", Behaviors.Stream("big"));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams =
            [
                Upstream(_server, "small", contextWindow: 4096),
                Upstream(_server, "same", key: "KEY_B", contextWindow: 4096),
                Upstream(_server, "big", key: "KEY_B", contextWindow: 32768),
            ],
            Routes = [new RouteConfig { Name = "smart", Chain = ["small", "same", "big"] }],
        });

        var routed = await h.RunAsync("smart");

        Assert.True(routed.Served);
        Assert.Equal("big", routed.Text);
        Assert.Equal("small=http-400, same=too-small", routed.Trace.FallbackSummary);
        Assert.Equal(400, routed.Trace.Attempts[0].StatusCode);
        Assert.Equal(0, _server.Requests("same"));
    }

    [Fact]
    public async Task UpstreamContextOverflow_NothingBigger_PassesTheErrorThrough()
    {
        _server.Set("small", Behaviors.ContextTooLong);
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "small", contextWindow: 4096)],
            Routes = [new RouteConfig { Name = "smart", Chain = ["small"] }],
        });

        var routed = await h.RunAsync("smart");

        Assert.Equal(400, routed.Failure!.StatusCode);
        Assert.Contains("context_length_exceeded", Encoding.UTF8.GetString(routed.Failure.Body.Span));
        Assert.Equal(ContextAction.Rejected, routed.Trace.Context);
    }

    [Fact]
    public async Task LocalOverflow_GoesToABiggerUpstream()
    {
        _server.Set("big", Behaviors.Stream("big"));
        var generator = new FakeGenerator { AlwaysOverflow = true };
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "big", contextWindow: 32768)],
            Routes = [new RouteConfig { Name = "auto", Chain = ["local", "big"] }],
        }, generator);

        var routed = await h.RunAsync("auto");

        Assert.Equal("big", routed.Trace.Tier);
        Assert.Equal("local=context-overflow", routed.Trace.FallbackSummary);
        Assert.Equal(1, generator.Calls);
        Assert.Equal(0, h.Gate.Snapshot().Running);
    }

    [Fact]
    public async Task PromptTooBigForLocal_SkipsLocalWithoutRunningIt()
    {
        _server.Set("big", Behaviors.Stream("big"));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "big", contextWindow: 32768)],
            Routes = [new RouteConfig { Name = "auto", Chain = ["local", "big"] }],
        }, new FakeGenerator(contextLength: 256));

        var routed = await h.RunAsync("auto", Chat(new string('x', 4000)));

        Assert.Equal("big", routed.Trace.Tier);
        Assert.Equal("local=too-small", routed.Trace.FallbackSummary);
        Assert.Equal(0, h.Generator.Calls);
    }

    [Fact]
    public async Task OnlyTierTooSmall_Reject_IsTheTiersOwnPromptTooLong()
    {
        await using var h = await StartAsync(new CloudConfig(), new FakeGenerator(contextLength: 256));

        var routed = await h.RunAsync("local", Chat(new string('x', 4000)));

        // The chain's only tier answers as it would alone: its own context error, counted by its own tokenizer.
        var tooLong = Assert.IsType<Admission.PromptTooLong>(routed.Outcome.Admission);
        Assert.Equal(256, tooLong.ContextLength);
        Assert.Equal(h.Generator.CountPromptTokens(Chat(new string('x', 4000))), tooLong.PromptTokens);
        Assert.Equal(0, h.Generator.Calls);
    }

    [Fact]
    public async Task LastResortTooSmall_Truncate_DropsOldestTurnsAndSaysSo()
    {
        await using var h = await StartAsync(new CloudConfig
        {
            Routes = [new RouteConfig { Name = "chat", Chain = ["local"], OnContextOverflow = ContextOverflowPolicy.TruncateOldest }],
        }, new FakeGenerator(contextLength: 256));
        var history = GenerationRequest.Chat(
        [
            new("system", "be brief"),
            new("user", new string('a', 1000)),
            new("assistant", new string('b', 1000)),
            new("user", "and now?"),
        ]);

        var routed = await h.RunAsync("chat", history);

        Assert.True(routed.Served);
        Assert.Equal("local answer", routed.Text);
        Assert.Equal(ContextAction.Truncated, routed.Trace.Context);
        Assert.Equal(2, routed.Trace.DroppedMessages);
        Assert.Equal("truncated; dropped=2", RouterBasicsTests.Headers(routed.Trace)[RouteHeaders.Context]);
    }
}
