using System.Net;
using System.Text.Json;
using EdgeRouter.Tests.Llama;
using EdgeRouter.Tests.Support;
using Xunit;
using EdgeRouter.Tests.Llama.Engine;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>logprobs in OpenAI's and Ollama's shapes, streamed and not, through real Kestrel on the real engine with the tiny model.</summary>
[Collection(LlamaCollection.Name)]
public sealed class LogprobsApiTests(TinyModelFixture fixture)
{
    private const string Chat = """{"messages":[{"role":"user","content":"the cat"}],"temperature":0,"max_tokens":6,"logprobs":true,"top_logprobs":3""";

    private Task<TestRouter> StartAsync() => TestRouter.StartAsync(factory: _ => fixture.LoadFreshEngine());

    [Fact]
    public async Task ChatCompletion_Logprobs_OneEntryPerTokenWithAlternatives()
    {
        await using var router = await StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat + "}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiAssert.ReadJsonAsync(response);
        var logprobs = body.GetProperty("choices")[0].GetProperty("logprobs");
        Assert.Equal(JsonValueKind.Null, logprobs.GetProperty("refusal").ValueKind);
        var content = logprobs.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(body.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), content.Count);
        foreach (var entry in content)
        {
            AssertToken(entry);
            var top = entry.GetProperty("top_logprobs").EnumerateArray().ToList();
            Assert.Equal(3, top.Count);
            top.ForEach(AssertToken);
            // Greedy: the chosen token is the model's most likely one.
            Assert.Equal(top[0].GetProperty("logprob").GetDouble(), entry.GetProperty("logprob").GetDouble());
            Assert.Equal(top[0].GetProperty("bytes").ToString(), entry.GetProperty("bytes").ToString());
        }
    }

    [Fact]
    public async Task ChatCompletion_StreamedLogprobs_RideWithTheirChunks()
    {
        await using var router = await StartAsync();
        using var whole = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat + "}"));
        var expected = (await ApiAssert.ReadJsonAsync(whole)).GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content")
            .EnumerateArray().Select(e => e.GetProperty("logprob").GetDouble()).ToList();

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat + ""","stream":true}"""));

        var chunks = ApiAssert.SseData(await response.Content.ReadAsStringAsync())[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        var choices = chunks.Select(c => c.GetProperty("choices")[0]).ToList();
        Assert.Equal(JsonValueKind.Null, choices[0].GetProperty("logprobs").ValueKind);
        Assert.Equal(JsonValueKind.Null, choices[^1].GetProperty("logprobs").ValueKind);
        var pieces = choices[1..^1];
        Assert.All(pieces, c => Assert.NotEmpty(c.GetProperty("logprobs").GetProperty("content").EnumerateArray()));
        var streamed = pieces.SelectMany(c => c.GetProperty("logprobs").GetProperty("content").EnumerateArray())
            .Select(e => e.GetProperty("logprob").GetDouble()).ToList();
        Assert.Equal(expected, streamed);
    }

    [Fact]
    public async Task Completion_LogprobsN_ParallelArraysWithOffsets()
    {
        await using var router = await StartAsync();

        using var response = await router.Client.PostAsync("/v1/completions",
            ApiAssert.Json("""{"prompt":"the cat","temperature":0,"max_tokens":5,"logprobs":2}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = (await ApiAssert.ReadJsonAsync(response)).GetProperty("choices")[0];
        var logprobs = choice.GetProperty("logprobs");
        var tokens = logprobs.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        var values = logprobs.GetProperty("token_logprobs").EnumerateArray().Select(t => t.GetDouble()).ToList();
        var top = logprobs.GetProperty("top_logprobs").EnumerateArray().ToList();
        var offsets = logprobs.GetProperty("text_offset").EnumerateArray().Select(t => t.GetInt32()).ToList();
        Assert.Equal(5, tokens.Count);
        Assert.Equal([tokens.Count, tokens.Count, tokens.Count], new[] { values.Count, top.Count, offsets.Count });
        Assert.All(values, v => Assert.True(v <= 0));
        Assert.All(top, t => Assert.InRange(t.EnumerateObject().Count(), 1, 2));
        Assert.Equal(0, offsets[0]);
        for (var i = 1; i < offsets.Count; i++)
        {
            Assert.Equal(offsets[i - 1] + tokens[i - 1].Length, offsets[i]);
        }
    }

    [Fact]
    public async Task ChatCompletion_WithoutLogprobs_SendsNull()
    {
        await using var router = await StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"messages":[{"role":"user","content":"hi"}],"max_tokens":3}"""));

        Assert.Equal(JsonValueKind.Null, (await ApiAssert.ReadJsonAsync(response)).GetProperty("choices")[0].GetProperty("logprobs").ValueKind);
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"logprobs":true,"top_logprobs":21}""", "top_logprobs", "integer_above_max_value")]
    [InlineData("/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"logprobs":true,"top_logprobs":-1}""", "top_logprobs", "integer_below_min_value")]
    [InlineData("/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"top_logprobs":2}""", "top_logprobs", "invalid_value")]
    [InlineData("/v1/completions", """{"prompt":"hi","logprobs":6}""", "logprobs", "integer_above_max_value")]
    public async Task Logprobs_OutOfRange_Is400NamingTheParameter(string path, string body, string param, string code)
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync(path, ApiAssert.Json(body));

        await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.BadRequest, code, param);
    }

    [Fact]
    public async Task OllamaChat_Logprobs_TopLevelArrayOnTheAnswerAndOnEachStreamedLine()
    {
        await using var router = await StartAsync();
        const string body = """{"model":"default","messages":[{"role":"user","content":"the cat"}],"options":{"temperature":0,"num_predict":5},"logprobs":true,"top_logprobs":2""";

        using var whole = await router.Client.PostAsync("/api/chat", ApiAssert.Json(body + ""","stream":false}"""));
        using var streamed = await router.Client.PostAsync("/api/chat", ApiAssert.Json(body + "}"));

        var answer = await ApiAssert.ReadJsonAsync(whole);
        var entries = answer.GetProperty("logprobs").EnumerateArray().ToList();
        Assert.Equal(answer.GetProperty("eval_count").GetInt32(), entries.Count);
        Assert.All(entries, e =>
        {
            AssertToken(e);
            Assert.Equal(2, e.GetProperty("top_logprobs").GetArrayLength());
        });
        var lines = ApiAssert.NdjsonLines(await streamed.Content.ReadAsStringAsync());
        Assert.False(lines[^1].TryGetProperty("logprobs", out _));
        var perLine = lines[..^1].SelectMany(l => l.GetProperty("logprobs").EnumerateArray()).Select(e => e.GetProperty("logprob").GetDouble());
        Assert.Equal(entries.Select(e => e.GetProperty("logprob").GetDouble()), perLine);
    }

    [Fact]
    public async Task OllamaGenerate_LogprobsWithoutTop_ChosenTokensOnly()
    {
        await using var router = await StartAsync();

        using var response = await router.Client.PostAsync("/api/generate",
            ApiAssert.Json("""{"model":"default","prompt":"the cat","stream":false,"options":{"num_predict":3},"logprobs":true}"""));

        var entries = (await ApiAssert.ReadJsonAsync(response)).GetProperty("logprobs").EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.False(e.TryGetProperty("top_logprobs", out _)));
    }

    [Fact]
    public async Task OllamaChat_TopLogprobsOutOfRange_Is400()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/chat",
            ApiAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"hi"}],"logprobs":true,"top_logprobs":21}"""));

        Assert.Contains("top_logprobs", await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    private static void AssertToken(JsonElement entry)
    {
        Assert.Equal(JsonValueKind.String, entry.GetProperty("token").ValueKind);
        Assert.True(entry.GetProperty("logprob").GetDouble() <= 0);
        var bytes = entry.GetProperty("bytes").EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray();
        Assert.StartsWith(entry.GetProperty("token").GetString()!, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
