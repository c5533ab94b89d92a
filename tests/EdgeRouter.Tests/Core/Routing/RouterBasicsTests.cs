using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Local;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Core.Routing;

public sealed class RouterBasicsTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task LocalFree_ServesLocally_WithHeaders()
    {
        _server.Set("cloud", Behaviors.Stream("cloud"));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud")],
            Routes = [new RouteConfig { Name = "auto", Chain = ["local", "cloud"] }],
        });

        var routed = await h.RunAsync("auto");

        Assert.True(routed.Served);
        Assert.Equal("local answer", routed.Text);
        Assert.Null(routed.Outcome.RawOpenAiStream);
        Assert.Same(routed.Trace, routed.Outcome.Run!.Trace);
        Assert.Equal(0, _server.Requests("cloud"));
        var headers = Headers(routed.Trace);
        Assert.Equal("local", headers[RouteHeaders.Tier]);
        Assert.Equal("1", headers[RouteHeaders.Attempts]);
        Assert.False(headers.ContainsKey(RouteHeaders.Fallback));
    }

    [Fact]
    public async Task UpstreamRoute_PassesSseThroughByteForByte_AndSendsTheKey()
    {
        _server.Set("cloud", Behaviors.Stream("Hello", ", world"));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud")],
            Routes = [new RouteConfig { Name = "smart", Chain = ["cloud"] }],
        });

        var routed = await h.RunAsync("smart");

        Assert.True(routed.Served, routed.Failure?.Message);
        Assert.Equal("Hello, world", routed.Text);
        Assert.Equal(Behaviors.StreamBody("Hello", ", world"), routed.Raw);
        Assert.Equal(FinishReason.Stop, routed.Result!.FinishReason);
        Assert.Equal(11, routed.Result.PromptTokens);
        Assert.Equal("cloud", routed.Outcome.Run!.Tier);
        var received = Assert.Single(_server.Received("cloud"));
        Assert.Equal("/cloud/v1/chat/completions", received.Path);
        Assert.Equal("Bearer sk-key-a", received.Authorization);
        Assert.Contains("\"model\":\"model-cloud\"", received.Body);
        Assert.Contains("\"stream\":true", received.Body);
    }

    [Fact]
    public async Task UnknownModel_ListsRoutes()
    {
        await using var h = await StartAsync(new CloudConfig());
        var outcome = await h.Router.RouteAsync("gpt-9", Chat(), CancellationToken.None);
        var unknown = Assert.IsType<Admission.UnknownModel>(outcome.Admission);
        Assert.Contains("auto", unknown.Available);
        Assert.Contains("fake-local", unknown.Available);
        Assert.Equal(404, outcome.Failure!.StatusCode);
    }

    [Fact]
    public async Task LocalModelName_IsTheLocalRoute_AndModelsAreListed()
    {
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud", contextWindow: 128000)],
            Routes = [new RouteConfig { Name = "smart", Chain = ["cloud", "local"] }],
        });

        var routed = await h.RunAsync("fake-local");

        Assert.Equal("local", routed.Trace.Tier);
        var names = h.Router.ListModels().Select(m => m.Name).ToList();
        Assert.Contains("fake-local", names);
        Assert.Contains("smart", names);
        Assert.Contains("local", names);
        Assert.Equal(128000, h.Router.ResolveModel("smart")!.ContextLength);
    }

    [Fact]
    public async Task Background_NeverSpillsToPaidUpstream_UnlessRouteAllows()
    {
        _server.Set("cloud", Behaviors.Stream("cloud"));
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud")],
            Routes =
            [
                new RouteConfig { Name = "auto", Chain = ["local", "cloud"] },
                new RouteConfig { Name = "batch", Chain = ["local", "cloud"], AllowBackground = true },
            ],
        });
        await using var holder = await h.HoldLocalSlotAsync();
        var background = Chat() with { Priority = RequestPriority.Background };

        var refused = await h.RunAsync("auto", background);
        var allowed = await h.RunAsync("batch", background);

        Assert.False(refused.Served);
        Assert.Equal(503, refused.Failure!.StatusCode);
        Assert.NotNull(refused.Failure.RetryAfter);
        Assert.Contains("cloud=background", refused.Trace.FallbackSummary);
        Assert.True(allowed.Served);
        Assert.Equal("cloud", allowed.Trace.Tier);
        Assert.Equal(1, _server.Requests("cloud"));
    }

    [Fact]
    public async Task Pressure_WarmPrefersUpstream_HotShedsLocal()
    {
        _server.Set("cloud", Behaviors.Stream("cloud"));
        var board = new SettableBoard();
        await using var h = await StartAsync(new CloudConfig
        {
            Upstreams = [Upstream(_server, "cloud")],
            Routes = [new RouteConfig { Name = "auto", Chain = ["local", "cloud"] }, new RouteConfig { Name = "solo", Chain = ["local"] }],
        }, board: board);

        board.Advice = new LocalAdvice.PreferUpstream(null, "warm");
        Assert.Equal("cloud", (await h.RunAsync("auto")).Trace.Tier);

        board.Advice = new LocalAdvice.Shed(TimeSpan.FromSeconds(30), "hot");
        var hot = await h.RunAsync("auto");
        Assert.Equal("cloud", hot.Trace.Tier);
        Assert.Contains("local=hot", hot.Trace.FallbackSummary);
        var shed = await h.RunAsync("solo");
        // The chain's only tier sheds as it would alone: not ready, come back later.
        Assert.IsType<Admission.Unavailable>(shed.Outcome.Admission);
        Assert.Equal(0, h.Generator.Calls);
    }

    internal static Dictionary<string, string> Headers(RouteTrace trace)
    {
        var headers = new Dictionary<string, string>();
        RouteHeaders.Apply(trace, (k, v) => headers[k] = v);
        return headers;
    }

    private sealed class SettableBoard : ILocalAdmissionPolicy
    {
        public LocalAdvice Advice { get; set; } = LocalAdvice.Accept;

        public LocalAdvice Advise() => Advice;
    }
}
