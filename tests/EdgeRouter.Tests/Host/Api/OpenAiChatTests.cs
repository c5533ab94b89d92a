using System.Net;
using System.Text.Json;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class OpenAiChatTests
{
    private const string Hello = """{"model":"fake-model","messages":[{"role":"user","content":"Hi there"}]}""";

    [Fact]
    public async Task ChatCompletion_NonStream_ReturnsMessageUsageAndTierHeader()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Hello));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("local", Assert.Single(response.Headers.GetValues("X-EdgeRouter-Tier")));
        var body = await ApiAssert.ReadJsonAsync(response);
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal(router.Time.GetUtcNow().ToUnixTimeSeconds(), body.GetProperty("created").GetInt64());
        Assert.Equal("fake-model", body.GetProperty("model").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("Hello world", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = body.GetProperty("usage");
        Assert.Equal(5, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(2, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(7, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletion_Stream_SendsRoleChunkPiecesFinishAndDone()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}],"stream":true}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("local", Assert.Single(response.Headers.GetValues("X-EdgeRouter-Tier")));
        var events = ApiAssert.SseData(await response.Content.ReadAsStringAsync());
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.Equal(4, chunks.Count);
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.All(chunks, c => Assert.False(c.TryGetProperty("usage", out _)));

        var first = chunks[0].GetProperty("choices")[0];
        Assert.Equal("assistant", first.GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("finish_reason").ValueKind);
        Assert.Equal("Hello", chunks[1].GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
        Assert.Equal(" world", chunks[2].GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, chunks[2].GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        var last = chunks[3].GetProperty("choices")[0];
        Assert.Equal("stop", last.GetProperty("finish_reason").GetString());
        Assert.Empty(last.GetProperty("delta").EnumerateObject());
    }

    [Fact]
    public async Task ChatCompletion_StreamWithIncludeUsage_EndsWithUsageChunkWithEmptyChoices()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(
            """{"messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}}"""));

        var events = ApiAssert.SseData(await response.Content.ReadAsStringAsync());
        Assert.Equal("[DONE]", events[^1]);
        var usageChunk = JsonDocument.Parse(events[^2]).RootElement;
        Assert.Empty(usageChunk.GetProperty("choices").EnumerateArray());
        Assert.Equal(2, usageChunk.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(4, usageChunk.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        var finish = JsonDocument.Parse(events[^3]).RootElement;
        Assert.Equal("stop", finish.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ChatCompletion_MaxTokensReached_FinishReasonLength()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":1}"""));

        var choice = (await ApiAssert.ReadJsonAsync(response)).GetProperty("choices")[0];
        Assert.Equal("Hello", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ChatCompletion_MaxCompletionTokensAndSampling_ReachTheGenerator()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""
            {"model":"fake-model:latest","messages":[{"role":"system","content":"Be brief"},{"role":"developer","content":"Really"},{"role":"user","content":"Hi"}],
             "max_completion_tokens":7,"temperature":0.2,"top_p":0.5,"seed":1234,"stop":["x","y"],
             "n":1,"user":"u1","presence_penalty":0.1,"frequency_penalty":0.1,"logit_bias":{},"logprobs":false,"store":false,"metadata":{"a":"b"}}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = router.Fake.LastRequest!;
        Assert.Equal(["system", "system", "user"], request.Messages!.Select(m => m.Role));
        Assert.Equal(7, request.Sampling.MaxTokens);
        Assert.Equal(0.2f, request.Sampling.Temperature);
        Assert.Equal(0.5f, request.Sampling.TopP);
        Assert.Equal(1234u, request.Sampling.Seed);
        Assert.Equal(["x", "y"], request.Sampling.Stop);
    }

    [Fact]
    public async Task ChatCompletion_StopString_TruncatesAndStops()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}],"stop":" wor"}"""));

        var choice = (await ApiAssert.ReadJsonAsync(response)).GetProperty("choices")[0];
        Assert.Equal("Hello", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ChatCompletion_ContentPartsArray_IsJoinedText()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(
            """{"messages":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},{"role":"assistant","content":null},{"role":"user","content":"three"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = router.Fake.LastRequest!.Messages!;
        Assert.Equal("one\ntwo", messages[0].Content);
        Assert.Equal(string.Empty, messages[1].Content);
    }

    [Fact]
    public async Task ChatCompletion_MultiByteText_StreamsIntact()
    {
        var fake = new FakeTextGenerator { Pieces = ["Grüße", " 日本語", " 🙂", "!"] };
        await using var router = await TestRouter.StartAsync(fake);

        using var streamed = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}],"stream":true}"""));
        var events = ApiAssert.SseData(await streamed.Content.ReadAsStringAsync());
        var text = string.Concat(events[..^1].Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var c) ? c.GetString() : null));
        Assert.Equal("Grüße 日本語 🙂!", text);

        using var whole = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}]}"""));
        Assert.Equal("Grüße 日本語 🙂!", (await ApiAssert.ReadJsonAsync(whole)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ChatCompletion_PromptTooLong_Is400ContextLengthExceeded()
    {
        await using var router = await TestRouter.StartAsync(new FakeTextGenerator(contextLength: 8));
        var content = string.Join(' ', Enumerable.Repeat("word", 20));

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json($$"""{"messages":[{"role":"user","content":"{{content}}"}],"stream":true}"""));

        await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.BadRequest, "context_length_exceeded", "messages");
    }

    [Fact]
    public async Task ChatCompletion_NoPromptTextInLogs()
    {
        await using var router = await TestRouter.StartAsync(new FakeTextGenerator(contextLength: 8));
        const string Secret = "tangerine-secret-42";

        using var ok = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json($$"""{"messages":[{"role":"user","content":"{{Secret}}"}]}"""));
        using var tooLong = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json($$"""{"messages":[{"role":"user","content":"{{Secret}} a b c d e f g h i j k"}]}"""));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.DoesNotContain(router.Logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
    }
}
