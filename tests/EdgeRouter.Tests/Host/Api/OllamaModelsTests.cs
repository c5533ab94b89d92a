using System.Net;
using System.Text.Json;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class OllamaModelsTests
{
    [Fact]
    public async Task Tags_ListsModelWithDigestAndDetails()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync("/api/tags");
        using var again = await router.Client.GetAsync("/api/tags");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var model = Assert.Single((await ApiAssert.ReadJsonAsync(response)).GetProperty("models").EnumerateArray());
        Assert.Equal("fake-model:latest", model.GetProperty("name").GetString());
        Assert.Equal("fake-model:latest", model.GetProperty("model").GetString());
        Assert.Equal(123_456, model.GetProperty("size").GetInt64());
        var digest = model.GetProperty("digest").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", digest);
        Assert.Equal(digest, (await ApiAssert.ReadJsonAsync(again)).GetProperty("models")[0].GetProperty("digest").GetString());
        Assert.Equal("2026-01-02T03:04:05.0000000Z", model.GetProperty("modified_at").GetString());
        var details = model.GetProperty("details");
        Assert.Equal("gguf", details.GetProperty("format").GetString());
        Assert.Equal("llama", details.GetProperty("family").GetString());
        Assert.Equal("494M", details.GetProperty("parameter_size").GetString());
        Assert.Equal("Q8_0", details.GetProperty("quantization_level").GetString());
    }

    [Fact]
    public async Task Show_ReturnsDetailsModelInfoAndTemplate()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/show", ApiAssert.Json("""{"model":"fake-model:latest"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiAssert.ReadJsonAsync(response);
        Assert.Equal("{{ messages }}", body.GetProperty("template").GetString());
        Assert.Contains("num_ctx 64", body.GetProperty("parameters").GetString());
        var info = body.GetProperty("model_info");
        Assert.Equal("llama", info.GetProperty("general.architecture").GetString());
        Assert.Equal(64, info.GetProperty("llama.context_length").GetInt32());
        Assert.Equal(32_768, info.GetProperty("edgerouter.trained_context_length").GetInt32());
        Assert.Equal(494_032_768, info.GetProperty("general.parameter_count").GetInt64());
        Assert.Equal("Q8_0", body.GetProperty("details").GetProperty("quantization_level").GetString());
        Assert.Equal("completion", Assert.Single(body.GetProperty("capabilities").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Show_UnknownOrMissingModel_IsOllamaError()
    {
        await using var router = await TestRouter.StartAsync();

        using var unknown = await router.Client.PostAsync("/api/show", ApiAssert.Json("""{"model":"llama3"}"""));
        using var missing = await router.Client.PostAsync("/api/show", ApiAssert.Json("{}"));

        Assert.Contains("not found", await ApiAssert.OllamaErrorAsync(unknown, HttpStatusCode.NotFound));
        await ApiAssert.OllamaErrorAsync(missing, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Ps_ListsLoadedModel()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync("/api/ps");

        var model = Assert.Single((await ApiAssert.ReadJsonAsync(response)).GetProperty("models").EnumerateArray());
        Assert.Equal("fake-model:latest", model.GetProperty("name").GetString());
        Assert.Equal(0, model.GetProperty("size_vram").GetInt64());
        Assert.True(DateTimeOffset.Parse(model.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > router.Time.GetUtcNow());
    }

    [Fact]
    public async Task Version_AndRoot_AnswerLikeOllama()
    {
        await using var router = await TestRouter.StartAsync();

        using var version = await router.Client.GetAsync("/api/version");
        using var root = await router.Client.GetAsync("/");
        using var head = await router.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        var text = (await ApiAssert.ReadJsonAsync(version)).GetProperty("version").GetString()!;
        Assert.Matches(@"^\d+\.\d+\.\d+$", text);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("Ollama is running", await root.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }
}
