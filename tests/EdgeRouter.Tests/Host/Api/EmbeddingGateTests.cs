using System.Net;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Local;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>The embedding gate: its own slot and short queue, refusing at once when full, never taking the chat slot.</summary>
public sealed class EmbeddingGateTests
{
    private const string Embed = """{"model":"fake-model","input":"hello"}""";
    private const string Chat = """{"messages":[{"role":"user","content":"Hi"}]}""";

    [Fact]
    public async Task SlotTakenAndQueueFull_Returns503WithRetryAfter_WhileChatIsStillServed()
    {
        var model = new FakeEmbeddingModel(new FakeTextGenerator());
        await using var router = await TestRouter.StartAsync(factory: _ => model);
        var embeddings = router.Router.Services.GetRequiredService<LocalEmbeddings>();
        model.Embedder.Hold();

        var running = router.Client.PostAsync("/v1/embeddings", ApiAssert.Json(Embed));
        await model.Embedder.WaitForStartAsync();
        var queueLength = embeddings.Gate.Options.QueueLength;
        var queued = Enumerable.Range(0, queueLength).Select(_ => router.Client.PostAsync("/api/embed", ApiAssert.Json(Embed))).ToList();
        await BusyTests.WaitUntilAsync(() => embeddings.Gate.Snapshot().Queued == queueLength);

        using var busy = await router.Client.PostAsync("/v1/embeddings", ApiAssert.Json(Embed));
        using var busyOllama = await router.Client.PostAsync("/api/embed", ApiAssert.Json(Embed));
        // The chat slot is untouched by the embedding burst.
        using var chat = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));

        var error = await ApiAssert.OpenAiErrorAsync(busy, HttpStatusCode.ServiceUnavailable, "server_busy");
        Assert.Contains("the embedding model is busy", error.GetProperty("message").GetString());
        Assert.True(int.TryParse(Assert.Single(busy.Headers.GetValues("Retry-After")), out var seconds) && seconds is >= 1 and <= 10);
        Assert.Contains("busy", await ApiAssert.OllamaErrorAsync(busyOllama, HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);

        model.Embedder.Release();
        using (var first = await running)
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        foreach (var response in await Task.WhenAll(queued))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        // No leaked slot: the next call is served at once.
        Assert.Equal(0, embeddings.Gate.Snapshot().Running);
        using var after = await router.Client.PostAsync("/v1/embeddings", ApiAssert.Json(Embed));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(0, embeddings.Gate.Snapshot().Running);
    }

    [Fact]
    public async Task ChatModelWithoutPooling_SaysSoInTheSurfaceShape()
    {
        await using var router = await TestRouter.StartAsync();

        using var openAi = await router.Client.PostAsync("/v1/embeddings", ApiAssert.Json(Embed));
        using var ollama = await router.Client.PostAsync("/api/embed", ApiAssert.Json(Embed));

        var error = await ApiAssert.OpenAiErrorAsync(openAi, HttpStatusCode.ServiceUnavailable, "model_not_ready");
        Assert.Contains("embedding.path", error.GetProperty("message").GetString());
        Assert.Contains("embedding.path", await ApiAssert.OllamaErrorAsync(ollama, HttpStatusCode.ServiceUnavailable));
    }
}
