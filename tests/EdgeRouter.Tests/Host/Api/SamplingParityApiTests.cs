using System.Net;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>The sampling options each surface maps onto the request the engine gets.</summary>
public sealed class SamplingParityApiTests
{
    [Fact]
    public async Task OpenAi_PenaltiesLogitBiasAndLlamaServerExtras_ReachTheEngine()
    {
        await using var router = await TestRouter.StartAsync();
        var body = """
            {"messages":[{"role":"user","content":"Hi"}],"presence_penalty":0.5,"frequency_penalty":-0.25,"logit_bias":{"42":-100,"7":3.5},
             "typical_p":0.9,"repeat_penalty":1.2,"repeat_last_n":32,"seed":11,"top_k":5,"min_p":0.2}
            """;

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sampling = router.Fake.LastRequest!.Sampling;
        Assert.Equal(0.5f, sampling.PresencePenalty);
        Assert.Equal(-0.25f, sampling.FrequencyPenalty);
        Assert.Equal(-100f, sampling.LogitBias[42]);
        Assert.Equal(3.5f, sampling.LogitBias[7]);
        Assert.Equal(0.9f, sampling.TypicalP);
        Assert.Equal(1.2f, sampling.RepeatPenalty);
        Assert.Equal(32, sampling.RepeatLastN);
        Assert.Equal(11u, sampling.Seed);
        Assert.Equal(5, sampling.TopK);
        Assert.Equal(0.2f, sampling.MinP);
        Assert.Null(router.Fake.LastRequest.Grammar);
    }

    [Fact]
    public async Task Ollama_Options_ReachTheEngine()
    {
        await using var router = await TestRouter.StartAsync();
        var body = """
            {"model":"fake-model","stream":false,"messages":[{"role":"user","content":"Hi"}],"format":"json",
             "options":{"repeat_penalty":1.1,"repeat_last_n":-1,"presence_penalty":0.3,"frequency_penalty":0.4,"typical_p":0.7,"num_ctx":32,"num_predict":9}}
            """;

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = router.Fake.LastRequest!;
        Assert.Equal(1.1f, request.Sampling.RepeatPenalty);
        Assert.Equal(-1, request.Sampling.RepeatLastN);
        Assert.Equal(0.3f, request.Sampling.PresencePenalty);
        Assert.Equal(0.4f, request.Sampling.FrequencyPenalty);
        Assert.Equal(0.7f, request.Sampling.TypicalP);
        Assert.Equal(32, request.Sampling.ContextLimit);
        Assert.Equal(9, request.Sampling.MaxTokens);
        Assert.Equal("root", request.Grammar!.Root);
        Assert.Contains("object", request.Grammar.Gbnf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ollama_TopLevelSamplingOfTheAiSdkProvider_ReachesTheEngine()
    {
        await using var router = await TestRouter.StartAsync();
        var body = """
            {"model":"fake-model","stream":false,"messages":[{"role":"user","content":"Hi"}],"temperature":0,"top_p":0.5,"max_output_tokens":7,"think":false}
            """;

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sampling = router.Fake.LastRequest!.Sampling;
        Assert.Equal(0f, sampling.Temperature);
        Assert.Equal(0.5f, sampling.TopP);
        Assert.Equal(7, sampling.MaxTokens);
    }

    [Fact]
    public async Task Ollama_OptionsWinOverTopLevelSampling()
    {
        await using var router = await TestRouter.StartAsync();
        var body = """
            {"model":"fake-model","stream":false,"messages":[{"role":"user","content":"Hi"}],"temperature":0,"top_p":0.5,"max_output_tokens":7,
             "options":{"temperature":0.7,"top_p":0.9,"num_predict":-1}}
            """;

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sampling = router.Fake.LastRequest!.Sampling;
        Assert.Equal(0.7f, sampling.Temperature);
        Assert.Equal(0.9f, sampling.TopP);
        Assert.Null(sampling.MaxTokens);
    }

    [Theory]
    [InlineData("temperature", "-1")]
    [InlineData("top_p", "2")]
    [InlineData("max_output_tokens", "0")]
    public async Task Ollama_BadTopLevelSampling_Is400NamingIt(string field, string value)
    {
        await using var router = await TestRouter.StartAsync();
        var body = $$"""{"model":"fake-model","stream":false,"messages":[{"role":"user","content":"Hi"}],"{{field}}":{{value}}}""";

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{field}'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(router.Fake.LastRequest);
    }
}
