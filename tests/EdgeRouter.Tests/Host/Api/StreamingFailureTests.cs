using System.Net;
using System.Text;
using System.Text.Json;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class StreamingFailureTests
{
    [Fact]
    public async Task SseStream_FaultAfterFirstToken_SendsErrorEventAndNoDone()
    {
        var fake = new FakeTextGenerator { Pieces = ["Hello", " world"], Failure = () => new InvalidOperationException("GPU fell off"), FailAfterPieces = 1 };
        await using var router = await TestRouter.StartAsync(fake);

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}],"stream":true}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = ApiAssert.SseData(await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("[DONE]", events);
        Assert.Equal("Hello", JsonDocument.Parse(events[1]).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
        var error = JsonDocument.Parse(events[^1]).RootElement.GetProperty("error");
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Contains("GPU fell off", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task NdjsonStream_FaultAfterFirstToken_SendsErrorLineAndNoDone()
    {
        var fake = new FakeTextGenerator { Pieces = ["Hello", " world"], Failure = () => new InvalidOperationException("GPU fell off"), FailAfterPieces = 1 };
        await using var router = await TestRouter.StartAsync(fake);

        using var response = await router.Client.PostAsync("/api/generate", ApiAssert.Json("""{"model":"fake-model","prompt":"Hi"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = ApiAssert.NdjsonLines(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, lines.Count);
        Assert.Equal("Hello", lines[0].GetProperty("response").GetString());
        Assert.Contains("GPU fell off", lines[1].GetProperty("error").GetString());
        Assert.DoesNotContain(lines, l => l.TryGetProperty("done", out var done) && done.GetBoolean());
    }

    [Fact]
    public async Task NonStream_FaultMidGeneration_Is500InSurfaceShape()
    {
        var fake = new FakeTextGenerator { Pieces = ["Hello", " world"], Failure = () => new InvalidOperationException("boom"), FailAfterPieces = 1 };
        await using var router = await TestRouter.StartAsync(fake);

        using var openAi = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}]}"""));
        using var ollama = await router.Client.PostAsync("/api/chat", ApiAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"stream":false}"""));

        await ApiAssert.OpenAiErrorAsync(openAi, HttpStatusCode.InternalServerError);
        Assert.Contains("boom", await ApiAssert.OllamaErrorAsync(ollama, HttpStatusCode.InternalServerError));
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"messages":[{"role":"user","content":"Hi"}],"stream":true}""")]
    [InlineData("/api/chat", """{"model":"fake-model","messages":[{"role":"user","content":"Hi"}]}""")]
    public async Task ClientDisconnectsMidStream_CancelsGenerationAndFreesSlot(string path, string body)
    {
        var fake = new FakeTextGenerator { Pieces = ["a", "b", "c", "d"], PauseAfterPieces = 1 };
        // No queue: if the slot were still taken, the next request would be refused at once.
        await using var router = await TestRouter.StartAsync(fake, ["--queue-length", "0"]);

        using (var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiAssert.Json(body) })
        using (var response = await router.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[256];
            var read = await stream.ReadAsync(buffer);
            Assert.Contains("a", Encoding.UTF8.GetString(buffer, 0, read));
        }

        await BusyTests.WaitUntilAsync(() => fake.CancelledGenerations == 1 && router.Router.LocalGate!.Snapshot().Running == 0);
        fake.PauseAfterPieces = null;
        fake.Release();
        using var next = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}]}"""));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("abcd", (await ApiAssert.ReadJsonAsync(next)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ClientDisconnectsWhileQueued_DoesNotHoldAQueuePlace()
    {
        await using var router = await TestRouter.StartAsync(args: ["--queue-length", "1"]);
        router.Fake.Hold();
        var running = router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}]}"""));
        await router.Fake.WaitForStartAsync();

        using (var cts = new CancellationTokenSource())
        {
            var queued = router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}]}"""), cts.Token);
            await BusyTests.WaitUntilAsync(() => router.Router.LocalGate!.Snapshot().Queued == 1);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        }

        await BusyTests.WaitUntilAsync(() => router.Router.LocalGate!.Snapshot().Queued == 0);
        router.Fake.Release();
        using var first = await running;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, router.Fake.Generations);
    }
}
