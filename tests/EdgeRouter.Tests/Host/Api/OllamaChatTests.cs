using System.Net;
using System.Text.Json;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class OllamaChatTests
{
    [Fact]
    public async Task Chat_StreamsNdjsonByDefault_WithFinalTimings()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/chat",
            ApiAssert.Json("""{"model":"fake-model:latest","messages":[{"role":"user","content":"Hi"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("local", Assert.Single(response.Headers.GetValues("X-EdgeRouter-Tier")));
        var lines = ApiAssert.NdjsonLines(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, lines.Count);
        Assert.Equal(["Hello", " world"], lines[..2].Select(l => l.GetProperty("message").GetProperty("content").GetString()));
        Assert.All(lines[..2], l =>
        {
            Assert.False(l.GetProperty("done").GetBoolean());
            Assert.Equal("assistant", l.GetProperty("message").GetProperty("role").GetString());
            Assert.Equal("fake-model:latest", l.GetProperty("model").GetString());
            Assert.False(l.TryGetProperty("done_reason", out _));
        });

        var last = lines[2];
        Assert.True(last.GetProperty("done").GetBoolean());
        Assert.Equal("stop", last.GetProperty("done_reason").GetString());
        Assert.Equal(string.Empty, last.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(4, last.GetProperty("prompt_eval_count").GetInt32());
        Assert.Equal(20_000_000, last.GetProperty("prompt_eval_duration").GetInt64());
        Assert.Equal(2, last.GetProperty("eval_count").GetInt32());
        Assert.Equal(10_000_000, last.GetProperty("eval_duration").GetInt64());
        Assert.True(last.GetProperty("total_duration").GetInt64() >= 0);
        Assert.True(last.GetProperty("load_duration").GetInt64() >= 0);
        Assert.Equal("2026-01-02T03:04:05.0000000Z", last.GetProperty("created_at").GetString());
        Assert.Equal(router.Time.GetUtcNow(), DateTimeOffset.Parse(last.GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Chat_StreamFalse_ReturnsOneObject()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/chat",
            ApiAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"stream":false,"options":{"num_predict":1}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await ApiAssert.ReadJsonAsync(response);
        Assert.Equal("Hello", body.GetProperty("message").GetProperty("content").GetString());
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Equal("length", body.GetProperty("done_reason").GetString());
        Assert.Equal(1, body.GetProperty("eval_count").GetInt32());
    }

    [Fact]
    public async Task Chat_Options_MapToSampling()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json("""
            {"model":"fake-model","messages":[{"role":"system","content":"S"},{"role":"user","content":"Hi"}],"stream":false,"keep_alive":"5m",
             "options":{"temperature":0.3,"top_p":0.6,"top_k":7,"min_p":0.1,"seed":99,"num_predict":-1,"stop":["<x>"],"num_ctx":4096,"repeat_penalty":1.1}}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = router.Fake.LastRequest!;
        Assert.Equal(["system", "user"], request.Messages!.Select(m => m.Role));
        var sampling = request.Sampling;
        Assert.Equal(0.3f, sampling.Temperature);
        Assert.Equal(0.6f, sampling.TopP);
        Assert.Equal(7, sampling.TopK);
        Assert.Equal(0.1f, sampling.MinP);
        Assert.Equal(99u, sampling.Seed);
        Assert.Null(sampling.MaxTokens);
        Assert.Equal(["<x>"], sampling.Stop);
    }

    [Fact]
    public async Task Chat_NoMessages_AnswersLoadAtOnce()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json("""{"model":"fake-model"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiAssert.ReadJsonAsync(response);
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Equal("load", body.GetProperty("done_reason").GetString());
        Assert.Equal(0, router.Fake.Generations);
    }

    [Fact]
    public async Task Chat_MultiByteText_IsNotEscaped()
    {
        await using var router = await TestRouter.StartAsync(new FakeTextGenerator { Pieces = ["żółw", " 🐢"] });

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"Hi"}]}"""));

        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("żółw", raw);
        var lines = ApiAssert.NdjsonLines(raw);
        Assert.Equal("żółw 🐢", string.Concat(lines[..^1].Select(l => l.GetProperty("message").GetProperty("content").GetString())));
    }
}
