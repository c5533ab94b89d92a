using System.Net;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class OpenAiModelsTests
{
    [Fact]
    public async Task ListModels_ReturnsTheLoadedModel()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiAssert.ReadJsonAsync(response);
        Assert.Equal("list", body.GetProperty("object").GetString());
        var model = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("fake-model", model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.Equal("edgerouter", model.GetProperty("owned_by").GetString());
        Assert.Equal(router.Fake.Model.LoadedAt.ToUnixTimeSeconds(), model.GetProperty("created").GetInt64());
    }

    [Theory]
    [InlineData("fake-model")]
    [InlineData("fake-model:latest")]
    [InlineData("default")]
    public async Task GetModel_KnownNameOrAlias_ReturnsModel(string id)
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync($"/v1/models/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fake-model", (await ApiAssert.ReadJsonAsync(response)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetModel_Unknown_Is404ModelNotFound()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync("/v1/models/gpt-4o");

        var error = await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.NotFound, "model_not_found", "model");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("gpt-4o", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UnknownV1Path_Is404InOpenAiShape()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/audio/speech", ApiAssert.Json("{}"));

        await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.NotFound, "unknown_url");
    }
}
