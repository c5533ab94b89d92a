using System.Net;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class OllamaErrorTests
{
    [Theory]
    [InlineData("/api/chat", """{"model":"fake-model","messages":[""")]
    [InlineData("/api/chat", """{"model":"fake-model","messages":"Hi"}""")]
    [InlineData("/api/chat", """{"model":"fake-model","messages":[{"role":"user","content":5}]}""")]
    [InlineData("/api/chat", """{"model":"fake-model","stream":"no","messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("/api/chat", """{"model":"fake-model","messages":[{"role":"robot","content":"Hi"}]}""")]
    [InlineData("/api/chat", """{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"options":{"temperature":"warm"}}""")]
    [InlineData("/api/chat", """{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"options":{"num_predict":-7}}""")]
    [InlineData("/api/chat", """{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"format":"xml"}""")]
    [InlineData("/api/chat", """{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"format":{"type":"string","pattern":"a"}}""")]
    [InlineData("/api/generate", """{"model":"fake-model","prompt":"Hi","format":{"allOf":[]}}""")]
    [InlineData("/api/chat", """{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"options":{"repeat_last_n":-5}}""")]
    [InlineData("/api/chat", """{"model":"fake-model","messages":[{"role":"user","content":"Hi","images":["aGk="]}]}""")]
    [InlineData("/api/generate", "{oops}")]
    [InlineData("/api/generate", """{"model":"fake-model","prompt":["Hi"]}""")]
    [InlineData("/api/generate", """{"model":"fake-model","prompt":"Hi","raw":"true"}""")]
    [InlineData("/api/generate", """{"model":"fake-model","prompt":"Hi","options":{"top_p":3}}""")]
    [InlineData("/api/show", """{"model":1}""")]
    public async Task InvalidBody_Is400InOllamaShape(string path, string body)
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync(path, ApiAssert.Json(body));

        var message = await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.DoesNotContain("System.", message);
        Assert.Equal(0, router.Fake.Generations);
    }

    [Theory]
    [InlineData("/api/chat", """{"model":"llama3:8b","messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("/api/generate", """{"model":"llama3:8b","prompt":"Hi"}""")]
    [InlineData("/api/chat", """{"model":"llama3:8b"}""")]
    public async Task UnknownModel_Is404InOllamaShape(string path, string body)
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync(path, ApiAssert.Json(body));

        Assert.Contains("not found", await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task OversizedBody_Is413InOllamaShape()
    {
        await using var router = await TestRouter.StartAsync();
        var padding = new string('a', 5 * 1024 * 1024);

        using var response = await router.Client.PostAsync("/api/generate", ApiAssert.Json($$"""{"model":"fake-model","prompt":"{{padding}}"}"""));

        await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PromptTooLong_Is400InOllamaShape()
    {
        await using var router = await TestRouter.StartAsync(new FakeTextGenerator(contextLength: 4));

        using var response = await router.Client.PostAsync("/api/generate", ApiAssert.Json("""{"model":"fake-model","prompt":"one two three four five six"}"""));

        Assert.Contains("context length", await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task UnknownApiPath_Is404InOllamaShape()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/no-such-call", ApiAssert.Json("""{"model":"llama3"}"""));

        await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.NotFound);
    }
}
