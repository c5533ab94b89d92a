using System.Net;
using System.Text.Json;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class OpenAiCompletionsTests
{
    [Fact]
    public async Task Completion_NonStream_ReturnsTextAndUsage()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/completions", ApiAssert.Json("""{"model":"fake-model","prompt":"Once upon a time","max_tokens":16}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("local", Assert.Single(response.Headers.GetValues("X-EdgeRouter-Tier")));
        var body = await ApiAssert.ReadJsonAsync(response);
        Assert.StartsWith("cmpl-", body.GetProperty("id").GetString());
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal("Hello world", choice.GetProperty("text").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(4, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal("Once upon a time", router.Fake.LastRequest!.Prompt);
        Assert.Null(router.Fake.LastRequest.Messages);
    }

    [Fact]
    public async Task Completion_PromptArrayOfOne_IsAccepted()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/completions", ApiAssert.Json("""{"prompt":["Say hi"]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Say hi", router.Fake.LastRequest!.Prompt);
    }

    [Fact]
    public async Task Completion_Stream_SendsTextChunksFinishUsageAndDone()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/completions",
            ApiAssert.Json("""{"prompt":"Hi","stream":true,"max_tokens":1,"stream_options":{"include_usage":true}}"""));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ApiAssert.SseData(await response.Content.ReadAsStringAsync());
        Assert.Equal(4, events.Count);
        Assert.Equal("[DONE]", events[3]);
        var piece = JsonDocument.Parse(events[0]).RootElement;
        Assert.Equal("text_completion", piece.GetProperty("object").GetString());
        Assert.Equal("Hello", piece.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, piece.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        Assert.Equal("length", JsonDocument.Parse(events[1]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var usage = JsonDocument.Parse(events[2]).RootElement;
        Assert.Empty(usage.GetProperty("choices").EnumerateArray());
        Assert.Equal(1, usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [InlineData("""{"max_tokens":5}""", "prompt")]
    [InlineData("""{"prompt":["a","b"]}""", "prompt")]
    [InlineData("""{"prompt":[1,2,3]}""", "prompt")]
    [InlineData("""{"prompt":42}""", "prompt")]
    [InlineData("""{"prompt":"x","best_of":3}""", "best_of")]
    [InlineData("""{"prompt":"x","max_tokens":0}""", "max_tokens")]
    public async Task Completion_InvalidBody_Is400WithParam(string json, string param)
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/completions", ApiAssert.Json(json));

        await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.BadRequest, param: param);
        Assert.Equal(0, router.Fake.Generations);
    }
}
