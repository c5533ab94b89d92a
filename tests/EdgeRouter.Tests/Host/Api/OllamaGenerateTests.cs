using System.Net;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class OllamaGenerateTests
{
    [Fact]
    public async Task Generate_StreamsNdjson_WithFinalObject()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/generate", ApiAssert.Json("""{"model":"fake-model","prompt":"Why is the sky blue?"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = ApiAssert.NdjsonLines(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Hello", " world", ""], lines.Select(l => l.GetProperty("response").GetString()));
        var last = lines[^1];
        Assert.True(last.GetProperty("done").GetBoolean());
        Assert.Equal("stop", last.GetProperty("done_reason").GetString());
        foreach (var field in new[] { "total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration", "created_at", "model" })
        {
            Assert.True(last.TryGetProperty(field, out _), field);
        }
        // Not a chat template: the prompt is a user turn of a chat (Ollama applies the template for generate).
        Assert.Equal("user", Assert.Single(router.Fake.LastRequest!.Messages!).Role);
    }

    [Fact]
    public async Task Generate_Streamed_TellsWhereTheTimeToFirstTokenWent()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/generate", ApiAssert.Json("""{"model":"fake-model","prompt":"Hi"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        Assert.Matches(@"^admit;dur=\d+(\.\d{1,3})?, ttft;dur=\d+(\.\d{1,3})?$", timing);
    }

    [Fact]
    public async Task Generate_SystemAndRaw_AreHonoured()
    {
        await using var router = await TestRouter.StartAsync();

        using var templated = await router.Client.PostAsync("/api/generate", ApiAssert.Json("""{"model":"fake-model","prompt":"Hi","system":"Be terse","stream":false}"""));
        Assert.Equal(HttpStatusCode.OK, templated.StatusCode);
        Assert.Equal(["system", "user"], router.Fake.LastRequest!.Messages!.Select(m => m.Role));

        using var raw = await router.Client.PostAsync("/api/generate", ApiAssert.Json("""{"model":"fake-model","prompt":"<s>[INST] Hi [/INST]","raw":true,"stream":false}"""));
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("<s>[INST] Hi [/INST]", router.Fake.LastRequest!.Prompt);
        var body = await ApiAssert.ReadJsonAsync(raw);
        Assert.Equal("Hello world", body.GetProperty("response").GetString());
        Assert.False(body.TryGetProperty("context", out _));
    }

    [Fact]
    public async Task Generate_EmptyPrompt_AnswersLoad()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/generate", ApiAssert.Json("""{"model":"fake-model"}"""));

        var body = await ApiAssert.ReadJsonAsync(response);
        Assert.Equal("load", body.GetProperty("done_reason").GetString());
        Assert.Equal(string.Empty, body.GetProperty("response").GetString());
    }
}
