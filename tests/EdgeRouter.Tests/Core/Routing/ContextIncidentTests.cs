using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Core.Routing;

/// <summary>
/// The truncation incident (issue 16, item 3): the board's window is measured with its own count, a truncated prompt
/// is one the board accepts, and a cloud outage with a too-small board is a context error the client can act on.
/// </summary>
public sealed class ContextIncidentTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CloudDown_BoardTooSmall_IsAContextErrorNot502()
    {
        _server.Set("cloud", Behaviors.ServerError);
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud", contextWindow: 128_000)],
            Routes = [new RouteConfig { Name = "agent", Chain = ["local", "cloud"] }],
        }, new FakeGenerator(contextLength: 256));

        var routed = await h.RunAsync("agent", Chat(new string('x', 4000)));

        Assert.Equal(400, routed.Failure!.StatusCode);
        Assert.Equal("context_length_exceeded", routed.Failure.Code);
        Assert.Contains("available now", routed.Failure.Message);
        Assert.Contains("256 tokens", routed.Failure.Message);
        Assert.Contains("cloud=http-500", routed.Failure.Message);
        var headers = RouterBasicsTests.Headers(routed.Trace);
        Assert.Equal("local=too-small, cloud=http-500", headers[RouteHeaders.Fallback]);
        Assert.Equal("rejected", headers[RouteHeaders.Context]);
        Assert.Equal(0, h.Generator.Calls);
    }

    [Fact]
    public async Task DigitHeavyLog_IsMeasuredByTheBoardsOwnCount_AndTruncatedToFit()
    {
        // Digits tokenize far worse than bytes/4: the estimate says this fits, the board's own count says it does not.
        var log = string.Concat(Enumerable.Range(0, 80).Select(i => $"{i:D4} 17.3 42 {i * 7 % 1000:D3}\n"));
        var generator = new FakeGenerator(contextLength: 512) { TokensPerByte = 1 };
        await using var h = await StartAsync(new CloudConfig
        {
            Routes = [new RouteConfig { Name = "chat", Chain = ["local"], OnContextOverflow = ContextOverflowPolicy.TruncateOldest }],
        }, generator);
        var history = GenerationRequest.Chat(
        [
            new("system", "summarise the log"),
            new("user", log),
            new("assistant", "noted"),
            new("user", "and the last line?"),
        ]);
        Assert.True(EdgeRouter.Core.Routing.PromptTokenEstimator.Instance.Estimate(history) < 512);

        var routed = await h.RunAsync("chat", history);

        Assert.True(routed.Served);
        Assert.Equal(ContextAction.Truncated, routed.Trace.Context);
        Assert.True(generator.LastPromptTokens < 512, $"the board was sent {generator.LastPromptTokens} tokens");
    }

    [Fact]
    public async Task TruncatedOnATierThatThenFails_NoContextHeaderOnTheError()
    {
        _server.Set("cloud", Behaviors.ServerError);
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud", contextWindow: 64)],
            Routes = [new RouteConfig { Name = "chat", Chain = ["cloud"], OnContextOverflow = ContextOverflowPolicy.TruncateOldest }],
        });
        var history = GenerationRequest.Chat(
        [
            new("user", new string('a', 400)),
            new("assistant", "ok"),
            new("user", "short"),
        ], new SamplingOptions { MaxTokens = 8 });

        var routed = await h.RunAsync("chat", history);

        Assert.Equal(502, routed.Failure!.StatusCode);
        Assert.False(RouterBasicsTests.Headers(routed.Trace).ContainsKey(RouteHeaders.Context));
    }
}
