using System.Diagnostics;
using System.Net;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class BusyTests
{
    private const string Chat = """{"messages":[{"role":"user","content":"Hi"}]}""";
    private const string OllamaChat = """{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"stream":false}""";

    [Fact]
    public async Task SlotTakenAndQueueFull_Returns503WithRetryAfterAtOnce()
    {
        await using var router = await TestRouter.StartAsync(args: ["--queue-length", "1"]);
        router.Fake.Hold();

        // One request holds the slot (blocked before its first token), one waits in the queue.
        var running = router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));
        await router.Fake.WaitForStartAsync();
        var queued = router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));
        await WaitUntilAsync(() => router.Router.LocalGate!.Snapshot().Queued == 1);

        using (var warmup = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, warmup.StatusCode);
        }

        var stopwatch = Stopwatch.StartNew();
        using var busy = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));
        stopwatch.Stop();

        var error = await ApiAssert.OpenAiErrorAsync(busy, HttpStatusCode.ServiceUnavailable, "server_busy");
        Assert.Equal("server_busy", error.GetProperty("type").GetString());
        var retryAfter = Assert.Single(busy.Headers.GetValues("Retry-After"));
        Assert.True(int.TryParse(retryAfter, out var seconds) && seconds >= 1, retryAfter);
        // A correctness bound, not a benchmark: a queued request would wait MaxWait (which never passes on this clock).
        Assert.True(stopwatch.ElapsedMilliseconds < 50, $"busy answer took {stopwatch.ElapsedMilliseconds} ms");

        router.Fake.Release();
        using var first = await running;
        using var second = await queued;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task OllamaSurface_Busy_Is503WithRetryAfterInOllamaShape()
    {
        await using var router = await TestRouter.StartAsync(args: ["--queue-length", "0"]);
        router.Fake.Hold();
        var running = router.Client.PostAsync("/api/chat", ApiAssert.Json(OllamaChat));
        await router.Fake.WaitForStartAsync();

        using var busy = await router.Client.PostAsync("/api/chat", ApiAssert.Json(OllamaChat));

        Assert.Contains("busy", await ApiAssert.OllamaErrorAsync(busy, HttpStatusCode.ServiceUnavailable));
        Assert.True(int.TryParse(Assert.Single(busy.Headers.GetValues("Retry-After")), out _));
        // A refusal is one small write with its length, not a chunked body: the cheapest answer under a flood.
        Assert.Null(busy.Headers.TransferEncodingChunked);
        Assert.Equal((await busy.Content.ReadAsByteArrayAsync()).Length, busy.Content.Headers.ContentLength);
        router.Fake.Release();
        using var first = await running;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task QueuedRequest_MaxWaitElapses_Returns503()
    {
        await using var router = await TestRouter.StartAsync(args: ["--queue-length", "1", "--max-wait", "5"]);
        router.Fake.Hold();
        var running = router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));
        await router.Fake.WaitForStartAsync();
        var queued = router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));
        await WaitUntilAsync(() => router.Router.LocalGate!.Snapshot().Queued == 1);

        router.Time.Advance(TimeSpan.FromSeconds(5));

        using var timedOut = await queued;
        await ApiAssert.OpenAiErrorAsync(timedOut, HttpStatusCode.ServiceUnavailable, "server_busy");
        router.Fake.Release();
        using var first = await running;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException("condition not reached");
            }
            await Task.Delay(5);
        }
    }
}
