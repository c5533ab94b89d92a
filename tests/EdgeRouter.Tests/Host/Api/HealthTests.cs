using System.Net;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class HealthTests
{
    [Fact]
    public async Task Readyz_WhileLoading_Is503WithReason_ThenReady()
    {
        using var loaded = new ManualResetEventSlim();
        var fake = new FakeTextGenerator();
        await using var router = await TestRouter.StartAsync(fake, factory: _ =>
        {
            loaded.Wait(TimeSpan.FromSeconds(30));
            return fake;
        }, waitUntilReady: false);

        using (var loading = await router.Client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, loading.StatusCode);
            var body = await ApiAssert.ReadJsonAsync(loading);
            Assert.Equal("loading", body.GetProperty("status").GetString());
            Assert.Contains("loading", body.GetProperty("reason").GetString());
        }
        using (var live = await router.Client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        using (var notReady = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}]}""")))
        {
            await ApiAssert.OpenAiErrorAsync(notReady, HttpStatusCode.ServiceUnavailable, "model_not_ready");
            Assert.True(notReady.Headers.Contains("Retry-After"));
        }
        using (var ollamaNotReady = await router.Client.PostAsync("/api/generate", ApiAssert.Json("""{"model":"fake-model","prompt":"Hi"}""")))
        {
            await ApiAssert.OllamaErrorAsync(ollamaNotReady, HttpStatusCode.ServiceUnavailable);
        }

        loaded.Set();
        await router.Router.ModelLoad.WaitAsync(TimeSpan.FromSeconds(10));

        using var ready = await router.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var readyBody = await ApiAssert.ReadJsonAsync(ready);
        Assert.Equal("ready", readyBody.GetProperty("status").GetString());
        Assert.Equal("fake-model", readyBody.GetProperty("models")[0].GetString());
    }

    [Fact]
    public async Task Readyz_LoadFailed_Is503WithTheError()
    {
        await using var router = await TestRouter.StartAsync(factory: _ => throw new FileNotFoundException("no such model file"), waitUntilReady: false);
        await router.Router.ModelLoad.WaitAsync(TimeSpan.FromSeconds(10));

        using var response = await router.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await ApiAssert.ReadJsonAsync(response);
        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Contains("no such model file", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Healthz_IsAlways200()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await ApiAssert.ReadJsonAsync(response)).GetProperty("status").GetString());
        Assert.False(response.Headers.Contains("X-EdgeRouter-Tier"));
    }
}
