using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Cloud.Upstreams;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRouter.Tests.Cloud.Upstreams;

public sealed class UpstreamClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.Fake();
    private FaultyUpstream _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FaultyUpstream.StartAsync();
        _http = new HttpClient(UpstreamHttp.CreateHandler(Config("x")));
        UpstreamHttp.ConfigureClient(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private UpstreamConfig Config(string scenario) => RouterHarness.Upstream(_server, scenario);

    private UpstreamClient Client(string scenario, Secret? key = null) => new(Config(scenario), _http, key, _time);

    [Fact]
    public async Task EmbedAsync_PostsTheInputs_ReadsUnitVectorsInInputOrder()
    {
        // Out of order on purpose: "index" decides; 3-4-5 triangles make the unit vectors exact.
        _server.Set("embed", Behaviors.Status(200, """{"object":"list","data":[{"object":"embedding","index":1,"embedding":[0,6,8]},{"object":"embedding","index":0,"embedding":[3,4,0]}],"usage":{"prompt_tokens":5,"total_tokens":5}}"""));

        var result = await Client("embed", new Secret("sk-1")).EmbedAsync(
            [EmbeddingInput.FromText("hello"), EmbeddingInput.FromTokens([1, 2, 3])], CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal([0.6f, 0.8f, 0f], result.Result!.Vectors[0]);
        Assert.Equal([0f, 0.6f, 0.8f], result.Result.Vectors[1]);
        Assert.Equal(5, result.Result.PromptTokens);
        var received = Assert.Single(_server.Received("embed"));
        Assert.Equal("/embed/v1/embeddings", received.Path);
        Assert.Equal("""{"model":"model-embed","input":["hello",[1,2,3]],"encoding_format":"float"}""", received.Body);
        Assert.Equal("Bearer sk-1", received.Authorization);
    }

    [Theory]
    [InlineData("""{"object":"list","data":[]}""")]
    [InlineData("""{"object":"list","data":[{"index":0,"embedding":[1,0]},{"index":1,"embedding":[1]}]}""")]
    [InlineData("""<html>gateway</html>""")]
    public async Task EmbedAsync_AnswerWithoutOneVectorPerInput_IsAnOutage(string body)
    {
        _server.Set("odd", Behaviors.Status(200, body));

        var result = await Client("odd").EmbedAsync([EmbeddingInput.FromText("a"), EmbeddingInput.FromText("b")], CancellationToken.None);

        Assert.Null(result.Result);
        Assert.Equal(FailureClass.Outage, result.Failure!.Class);
    }

    [Fact]
    public async Task ProbeAsync_Models_GetsModelsWithTheRoutesKey_AndClassifiesTheAnswer()
    {
        var client = Client("probe", new Secret("sk-1"));
        _server.Set("probe", Behaviors.Unauthorized);

        var rejected = await client.ProbeAsync(ProbeKind.Models, 16, TimeSpan.FromSeconds(5), CancellationToken.None);
        _server.Set("probe", Behaviors.Status(200, "{\"object\":\"list\",\"data\":[]}"));
        var fine = await client.ProbeAsync(ProbeKind.Models, 16, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(FailureClass.Credential, rejected!.Class);
        Assert.Null(fine);
        Assert.All(_server.Received("probe"), r =>
        {
            Assert.Equal("/probe/v1/models", r.Path);
            Assert.Equal("Bearer sk-1", r.Authorization);
        });
    }

    [Fact]
    public async Task ProbeAsync_NoAnswer_IsAnOutageAfterTheProbeTimeout()
    {
        _server.Set("silent", Behaviors.Hang);

        var probe = Client("silent").ProbeAsync(ProbeKind.Models, 16, TimeSpan.FromSeconds(5), CancellationToken.None);
        await _server.WaitForRequests("silent", 1);
        _time.Advance(TimeSpan.FromSeconds(5));
        var failure = await probe.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(FailureClass.Outage, failure!.Class);
        Assert.True(failure.IsTimeout);
    }

    [Fact]
    public async Task EmbedAsync_Throttled_IsClassifiedWithRetryAfter()
    {
        _server.Set("busy", Behaviors.Status(429, "{}", retryAfter: "12"));

        var result = await Client("busy").EmbedAsync([EmbeddingInput.FromText("a")], CancellationToken.None);

        Assert.Equal(FailureClass.Throttle, result.Failure!.Class);
        Assert.Equal(TimeSpan.FromSeconds(12), result.Failure.RetryAfter);
        Assert.Equal("", Assert.Single(_server.Received("busy")).Authorization);
    }

    [Fact]
    public async Task OpenStream_ErrorAs200Json_IsClassifiedFromItsText()
    {
        _server.Set("weird", Behaviors.Status(200, "{\"error\":{\"message\":\"Rate limit exceeded\",\"code\":\"rate_limit_exceeded\"}}"));

        var result = await Client("weird").OpenStreamAsync(RouterHarness.Chat(), TimeSpan.FromSeconds(10), CancellationToken.None);

        var failed = Assert.IsType<StreamOpenResult.Failed>(result);
        Assert.Equal(FailureClass.Throttle, failed.Failure.Class);
    }

    [Fact]
    public async Task OpenStream_ErrorEventBeforeFirstToken_AllowsFailover()
    {
        _server.Set("evt", async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(Behaviors.RoleFrame + "data: {\"error\":{\"message\":\"server overloaded\",\"type\":\"server_error\"}}\n\n");
        });

        var result = await Client("evt").OpenStreamAsync(RouterHarness.Chat(), TimeSpan.FromSeconds(10), CancellationToken.None);

        var failed = Assert.IsType<StreamOpenResult.Failed>(result);
        Assert.Equal(FailureClass.Throttle, failed.Failure.Class);
        Assert.Equal("stream-error", failed.Failure.Reason);
    }

    [Fact]
    public async Task OpenStream_RawCompletionPrompt_UsesCompletionsEndpoint()
    {
        _server.Set("legacy", async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: {\"choices\":[{\"text\":\"once\",\"finish_reason\":null}]}\n\ndata: {\"choices\":[{\"text\":\" upon\",\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
        });

        var result = await Client("legacy").OpenStreamAsync(EdgeRouter.Core.Inference.GenerationRequest.Completion("Tell me"), TimeSpan.FromSeconds(10), CancellationToken.None);

        var committed = Assert.IsType<StreamOpenResult.Committed>(result);
        var text = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var raw = System.Threading.Channels.Channel.CreateUnbounded<ReadOnlyMemory<byte>>();
        var generation = await committed.Stream.PumpAsync(text.Writer, raw.Writer, 3, null, CancellationToken.None);
        var pieces = new List<string>();
        await foreach (var piece in text.Reader.ReadAllAsync())
        {
            pieces.Add(piece);
        }
        Assert.Equal(["once", " upon"], pieces);
        Assert.Equal(EdgeRouter.Core.Inference.FinishReason.Stop, generation.FinishReason);
        Assert.Equal("/legacy/v1/completions", Assert.Single(_server.Received("legacy")).Path);
    }

    [Fact]
    public async Task OpenStream_FinishWithoutDone_AppendsDone()
    {
        _server.Set("nodone", async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(Behaviors.ContentFrame("hi") + Behaviors.FinishFrame);
        });

        var result = await Client("nodone").OpenStreamAsync(RouterHarness.Chat(), TimeSpan.FromSeconds(10), CancellationToken.None);

        var committed = Assert.IsType<StreamOpenResult.Committed>(result);
        var raw = System.Threading.Channels.Channel.CreateUnbounded<ReadOnlyMemory<byte>>();
        await committed.Stream.PumpAsync(System.Threading.Channels.Channel.CreateUnbounded<string>().Writer, raw.Writer, 3, null, CancellationToken.None);
        var frames = new List<string>();
        await foreach (var frame in raw.Reader.ReadAllAsync())
        {
            frames.Add(System.Text.Encoding.UTF8.GetString(frame.Span));
        }
        Assert.Equal(Behaviors.DoneFrame, frames[^1]);
    }
}
