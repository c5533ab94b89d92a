using System.Net;
using System.Text.Json;
using EdgeRouter.Tests.Llama;
using EdgeRouter.Tests.Support;
using Xunit;
using EdgeRouter.Tests.Llama.Engine;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>response_format and Ollama's format through real Kestrel, on the real llama.cpp engine with the tiny model.</summary>
[Collection(LlamaCollection.Name)]
public sealed class StructuredOutputApiTests(TinyModelFixture fixture)
{
    private const string Schema = """
        {"type":"object","properties":{"city":{"type":"string","maxLength":6},"ok":{"type":"boolean"},"n":{"type":"integer","minimum":0,"maximum":9}},
         "required":["city","ok","n"],"additionalProperties":false}
        """;

    private Task<TestRouter> StartAsync() => TestRouter.StartAsync(factory: _ => fixture.LoadFreshEngine());

    [Fact]
    public async Task OpenAi_JsonSchemaStrict_AnswerValidates()
    {
        await using var router = await StartAsync();
        var body = """
            {"messages":[{"role":"user","content":"Weather?"}],"temperature":0,
             "response_format":{"type":"json_schema","json_schema":{"name":"weather","strict":true,"schema":
            """ + Schema + "}}}";

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = (await ApiAssert.ReadJsonAsync(response)).GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var content = choice.GetProperty("message").GetProperty("content").GetString()!;
        Assert.Null(new SubsetValidator(JsonDocument.Parse(Schema).RootElement).Validate(JsonDocument.Parse(content).RootElement));
    }

    [Fact]
    public async Task OpenAi_JsonObjectStreamed_StartsAnObject()
    {
        await using var router = await StartAsync();
        var body = """{"messages":[{"role":"user","content":"Hi"}],"stream":true,"max_tokens":40,"seed":3,"response_format":{"type":"json_object"}}""";

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var chunks = ApiAssert.SseData(await response.Content.ReadAsStringAsync())[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        var text = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString()));
        Assert.StartsWith("{", text, StringComparison.Ordinal);
        var finish = chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString();
        if (finish == "stop")
        {
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
        }
        else
        {
            Assert.Equal("length", finish);
        }
    }

    [Fact]
    public async Task Ollama_ChatFormatSchema_AnswerValidates()
    {
        await using var router = await StartAsync();
        var body = $$"""{"model":"tiny-f32","stream":false,"messages":[{"role":"user","content":"Weather?"}],"options":{"seed":5},"format":{{Schema}}}""";

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ApiAssert.ReadJsonAsync(response);
        Assert.Equal("stop", json.GetProperty("done_reason").GetString());
        var content = json.GetProperty("message").GetProperty("content").GetString()!;
        Assert.Null(new SubsetValidator(JsonDocument.Parse(Schema).RootElement).Validate(JsonDocument.Parse(content).RootElement));
    }

    [Fact]
    public async Task Ollama_GenerateFormatSchema_Streamed_AnswerValidates()
    {
        await using var router = await StartAsync();
        var body = $$"""{"model":"tiny-f32","prompt":"Weather?","options":{"temperature":0},"format":{{Schema}}}""";

        using var response = await router.Client.PostAsync("/api/generate", ApiAssert.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var text = string.Concat(lines.Select(l => l.GetProperty("response").GetString()));
        Assert.Null(new SubsetValidator(JsonDocument.Parse(Schema).RootElement).Validate(JsonDocument.Parse(text).RootElement));
    }

    [Fact]
    public async Task OpenAi_UnsupportedKeyword_Is400NamingIt()
    {
        await using var router = await StartAsync();
        var body = """
            {"messages":[{"role":"user","content":"Hi"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object","properties":{"a":{"type":"number","multipleOf":3}}}}}}
            """;

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(body));

        var error = await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.BadRequest, "invalid_json_schema", "response_format.json_schema.schema");
        Assert.Contains("'multipleOf'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("#/properties/a", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ollama_UnsupportedKeyword_Is400NamingIt()
    {
        await using var router = await StartAsync();
        var body = """{"model":"tiny-f32","messages":[{"role":"user","content":"Hi"}],"format":{"type":"string","pattern":"^a$"}}""";

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json(body));

        Assert.Contains("'pattern'", await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }
}
