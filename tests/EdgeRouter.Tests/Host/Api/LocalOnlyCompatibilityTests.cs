using System.Net;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>Without a "cloud" section the router's built-in routes serve the local tier: same names, lists and errors as a bare local server.</summary>
public sealed class LocalOnlyCompatibilityTests
{
    [Fact]
    public async Task NoCloudConfig_ListsOnlyTheLocalModel()
    {
        await using var router = await TestRouter.StartAsync();

        var models = await ApiAssert.ReadJsonAsync(await router.Client.GetAsync("/v1/models"));
        var ids = models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal(["fake-model"], ids);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("auto")]
    [InlineData("default")]
    [InlineData("fake-model")]
    [InlineData("fake-model:latest")]
    public async Task NoCloudConfig_LocalNamesStillResolve(string model)
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json($$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hi"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("local", Assert.Single(response.Headers.GetValues("X-EdgeRouter-Tier")));
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-EdgeRouter-Attempts")));
        Assert.False(response.Headers.Contains("X-EdgeRouter-Fallback"));
    }
}
