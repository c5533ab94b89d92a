using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Local;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Core.Routing;

/// <summary>
/// Embedding routes: the board's embedding model first, cloud embedding upstreams behind it, with the chat path's
/// limits, breaker, retry budget, failure domains and failback probes.
/// </summary>
public sealed class EmbeddingRouteTests : IAsyncLifetime
{
    private const string Vectors = """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0,2]}],"usage":{"prompt_tokens":2,"total_tokens":2}}""";

    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CloudConfig Config() => new()
    {
        Upstreams =
        [
            Upstream(_server, "embed-cloud", key: "KEY_A", api: UpstreamApi.Embeddings),
            Upstream(_server, "chat-cloud", key: "KEY_A"),
        ],
        Routes =
        [
            new RouteConfig { Name = "embed", Chain = ["local", "embed-cloud"], Aliases = ["text-embedding-3-small"] },
            new RouteConfig { Name = "auto", Chain = ["local", "chat-cloud"] },
        ],
    };

    private static EmbeddingRequest Texts(params string[] texts) => new([.. texts.Select(EmbeddingInput.FromText)]);

    [Fact]
    public async Task BoardServes_WhenItCan_NothingSentUpstream()
    {
        using var local = await LocalAsync(new FakeEmbedder());
        await using var h = await StartAsync(Config(), embeddings: local);

        var outcome = await h.Router.EmbedAsync("text-embedding-3-small", Texts("hi"), CancellationToken.None);

        var embedded = Assert.IsType<EmbeddingOutcome.Embedded>(outcome);
        Assert.Equal(FakeEmbedder.Name, embedded.Model.Name);
        Assert.Equal(0, _server.Requests("embed-cloud"));
    }

    [Fact]
    public async Task BoardBusy_SpillsToTheEmbeddingUpstream()
    {
        var blocking = new FakeEmbedder { Hold = new SemaphoreSlim(0) };
        using var local = await LocalAsync(blocking);
        _server.Set("embed-cloud", Behaviors.Status(200, Vectors));
        await using var h = await StartAsync(Config(), embeddings: local);
        var first = h.Router.EmbedAsync("embed", Texts("long"), CancellationToken.None).AsTask();
        await blocking.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        var spilled = await h.Router.EmbedAsync("embed", Texts("hi"), CancellationToken.None);

        var embedded = Assert.IsType<EmbeddingOutcome.Embedded>(spilled);
        Assert.Equal("model-embed-cloud", embedded.Model.Name);
        Assert.Equal([0f, 1f], embedded.Result.Vectors[0]);
        blocking.Hold.Release();
        Assert.IsType<EmbeddingOutcome.Embedded>(await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("/embed-cloud/v1/embeddings", Assert.Single(_server.Received("embed-cloud")).Path);
    }

    [Fact]
    public async Task NoEmbeddingModelOnTheBoard_TheUpstreamServes()
    {
        _server.Set("embed-cloud", Behaviors.Status(200, Vectors));
        await using var h = await StartAsync(Config());

        var outcome = await h.Router.EmbedAsync("embed", Texts("hi"), CancellationToken.None);

        Assert.IsType<EmbeddingOutcome.Embedded>(outcome);
    }

    [Fact]
    public async Task ThrottledEmbeddingKey_CoolsTheChatUpstreamOnTheSameKey_AndIsSkippedUntilItsRestEnds()
    {
        _server.Set("embed-cloud", Behaviors.Throttled(retryAfter: "40"));
        _server.Set("chat-cloud", Behaviors.Stream("chat"));
        await using var h = await StartAsync(Config());

        var throttled = await h.Router.EmbedAsync("embed", Texts("hi"), CancellationToken.None);
        var again = await h.Router.EmbedAsync("embed", Texts("hi"), CancellationToken.None);
        var chat = await h.RunAsync("chat-cloud");

        var refusal = Assert.IsType<Admission.Failed>(Assert.IsType<EmbeddingOutcome.Refused>(throttled).Reason);
        Assert.Equal(503, refusal.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), refusal.RetryAfter);
        Assert.Contains("embed-cloud=cooling", Assert.IsType<Admission.Failed>(Assert.IsType<EmbeddingOutcome.Refused>(again).Reason).Trace.FallbackSummary);
        Assert.Equal(1, _server.Requests("embed-cloud"));
        Assert.Equal("chat-cloud=cooling", chat.Trace.FallbackSummary);
        Assert.Equal(0, _server.Requests("chat-cloud"));
    }

    [Fact]
    public async Task EmbeddingUpstream_IsProbedWithAnEmbeddingsRequest_NotAChat()
    {
        _server.Set("embed-cloud", Behaviors.Sequence(Behaviors.Throttled(retryAfter: "10"), Behaviors.Status(200, Vectors)));
        await using var h = await StartAsync(Config());

        await h.Router.EmbedAsync("embed", Texts("hi"), CancellationToken.None);
        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        await h.RecoverAsync("embed-cloud");

        Assert.True(_server.Probes("embed-cloud") > 0);
        Assert.All(_server.Received("embed-cloud"), r => Assert.EndsWith("/embeddings", r.Path, StringComparison.Ordinal));
        Assert.IsType<EmbeddingOutcome.Embedded>(await h.Router.EmbedAsync("embed", Texts("hi"), CancellationToken.None));
    }

    [Fact]
    public async Task NameWithoutEmbeddingUpstreams_TheBoardAnswersAlone_WithItsOwnNames()
    {
        using var local = await LocalAsync(new FakeEmbedder());
        await using var h = await StartAsync(Config(), embeddings: local);

        var unknown = await h.Router.EmbedAsync("auto", Texts("hi"), CancellationToken.None);
        var named = await h.Router.EmbedAsync(FakeEmbedder.Name, Texts("hi"), CancellationToken.None);

        Assert.IsType<Admission.UnknownModel>(Assert.IsType<EmbeddingOutcome.Refused>(unknown).Reason);
        Assert.IsType<EmbeddingOutcome.Embedded>(named);
    }

    [Fact]
    public void Validator_RouteMixingChatAndEmbeddingUpstreams_IsRefused()
    {
        var config = Config() with { Routes = [new RouteConfig { Name = "mixed", Chain = ["chat-cloud", "embed-cloud"] }] };

        var errors = CloudConfigValidator.Validate(config, new EdgeRouter.Cloud.Credentials.CredentialResolver(n => RouterHarness.Environment.GetValueOrDefault(n), _ => null));

        Assert.Contains(errors, e => e.Path == "routes.mixed.chain" && e.Message.Contains("mixes chat and embedding upstreams", StringComparison.Ordinal));
    }

    private static async Task<LocalEmbeddings> LocalAsync(FakeEmbedder embedder)
    {
        var chat = new LocalModelHost(NullLogger<LocalModelHost>.Instance);
        var local = new LocalEmbeddings(0, TestClock.Fake(), chat, NullLogger<LocalEmbeddings>.Instance);
        await local.LoadAsync("fake", () => embedder);
        return local;
    }

    /// <summary>Every input embeds as [1, 0]; with <see cref="Hold"/> set, each call waits for one release.</summary>
    private sealed class FakeEmbedder : IEmbedder
    {
        public const string Name = "fake-embed";

        public SemaphoreSlim? Hold { get; init; }

        public SemaphoreSlim Entered { get; } = new(0);

        public ModelInfo Model { get; } = new()
        {
            Name = Name,
            Path = "/models/fake-embed.gguf",
            Architecture = "bert",
            FileBytes = 1,
            ParameterCount = 1,
            Quantization = "F32",
            ContextLength = 512,
            TrainContextLength = 512,
            LoadedAt = DateTimeOffset.UnixEpoch,
            LoadDuration = TimeSpan.Zero,
            Capabilities = ModelCapabilities.Embedding,
        };

        public int Dimensions => 2;

        public int Window => 512;

        public EmbeddingResult Embed(EmbeddingRequest request, CancellationToken cancellationToken)
        {
            Entered.Release();
            Hold?.Wait(cancellationToken);
            return new EmbeddingResult([.. request.Inputs.Select(_ => new[] { 1f, 0f })], request.Inputs.Count, TimeSpan.Zero);
        }

        public void Dispose()
        {
        }
    }
}
