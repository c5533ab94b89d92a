using System.Net;
using EdgeRouter.Core.Inference;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>The details Ollama and OpenAI clients rely on beyond chat: model management, capabilities, ps, unknown paths.</summary>
public sealed class OllamaFidelityTests
{
    [Theory]
    [InlineData("POST", "/api/pull", """{"model":"llama3.2"}""")]
    [InlineData("POST", "/api/push", """{"model":"me/llama3.2"}""")]
    [InlineData("POST", "/api/create", """{"model":"mario","from":"llama3.2"}""")]
    [InlineData("POST", "/api/copy", """{"source":"llama3.2","destination":"backup"}""")]
    [InlineData("DELETE", "/api/delete", """{"model":"llama3.2"}""")]
    [InlineData("HEAD", "/api/blobs/sha256:29fdb92e57cf0827ded04ae6461b5931d01fa595843f55d36f5b275a52087dd2", null)]
    public async Task ModelManagement_Is501InOllamasShape_SayingHowToSetAModel(string method, string path, string? body)
    {
        await using var router = await TestRouter.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : ApiAssert.Json(body) };

        using var response = await router.Client.SendAsync(request);

        if (method == "HEAD")
        {
            Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
            return;
        }
        var message = await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.NotImplemented);
        Assert.Contains("model.path", message, StringComparison.Ordinal);
        Assert.Contains("GGUF", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Unknown request URL", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_ListsOnlyTheCapabilitiesTheModelHas()
    {
        var fake = new FakeTextGenerator();
        var tools = new FakeTextGenerator { Model = fake.Model with { Capabilities = ModelCapabilities.Completion | ModelCapabilities.Tools } };
        await using var plain = await TestRouter.StartAsync(fake);
        await using var withTools = await TestRouter.StartAsync(tools);

        using var a = await plain.Client.PostAsync("/api/show", ApiAssert.Json("""{"model":"fake-model"}"""));
        using var b = await withTools.Client.PostAsync("/api/show", ApiAssert.Json("""{"model":"fake-model"}"""));

        Assert.Equal(["completion"], (await ApiAssert.ReadJsonAsync(a)).GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["completion", "tools"], (await ApiAssert.ReadJsonAsync(b)).GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Ps_SizeIsTheLoadedFootprint_WithContextLengthAndExpiry()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync("/api/ps");

        var model = Assert.Single((await ApiAssert.ReadJsonAsync(response)).GetProperty("models").EnumerateArray());
        // Weights (the fake's 123,456-byte file) plus a KV cache estimate for its 64-token window: more than the file.
        Assert.True(model.GetProperty("size").GetInt64() > 123_456);
        Assert.Equal(0, model.GetProperty("size_vram").GetInt64());
        Assert.Equal(64, model.GetProperty("context_length").GetInt32());
    }

    [Theory]
    [InlineData("/favicon.ico", false)]
    [InlineData("/nothing/here", false)]
    [InlineData("/v1/nothing", true)]
    [InlineData("/api/nothing", false)]
    public async Task UnknownPath_KeepsTheSurfacesErrorShape(string path, bool openAi)
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync(path);

        if (openAi)
        {
            await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.NotFound, code: "unknown_url");
        }
        else
        {
            Assert.Contains("Unknown request URL", await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.NotFound), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenAiModels_CarryOwnedBy()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync("/v1/models");

        var model = Assert.Single((await ApiAssert.ReadJsonAsync(response)).GetProperty("data").EnumerateArray());
        Assert.Equal("edgerouter", model.GetProperty("owned_by").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
    }
}
