using System.Net;
using System.Text;
using System.Text.Json;
using EdgeRouter.Host.Config;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>The cloud tier through the real HTTP API: spill, passthrough, mid-stream failure, request errors, config.</summary>
public sealed class CloudRoutingApiTests
{
    private const string Chat = """{"messages":[{"role":"user","content":"Hi"}]}""";

    private static StringContent UpstreamChat(bool stream, bool includeUsage = false) => ApiAssert.Json(
        $$"""{"model":"{{CloudApiHarness.Upstream}}","messages":[{"role":"user","content":"Hi"}],"stream":{{(stream ? "true" : "false")}}{{(includeUsage ? ""","stream_options":{"include_usage":true}""" : "")}}}""");

    [Fact]
    public async Task LocalSlotBusy_HealthyUpstream_ServesFromUpstreamWithRouteHeaders()
    {
        var fake = new FakeTextGenerator();
        await using var h = await CloudApiHarness.StartAsync(Behaviors.Stream("from", " cloud"), fake);
        fake.Hold();
        var holding = h.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));
        await fake.WaitForStartAsync();

        using var spilled = await h.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));

        Assert.Equal(HttpStatusCode.OK, spilled.StatusCode);
        Assert.Equal(CloudApiHarness.Upstream, Assert.Single(spilled.Headers.GetValues("X-EdgeRouter-Tier")));
        Assert.Equal("1", Assert.Single(spilled.Headers.GetValues("X-EdgeRouter-Attempts")));
        Assert.Equal("local=busy", Assert.Single(spilled.Headers.GetValues("X-EdgeRouter-Fallback")));
        var body = await ApiAssert.ReadJsonAsync(spilled);
        Assert.Equal("from cloud", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());

        fake.Release();
        using var local = await holding;
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal("local", Assert.Single(local.Headers.GetValues("X-EdgeRouter-Tier")));
        Assert.False(local.Headers.Contains("X-EdgeRouter-Fallback"));
    }

    [Fact]
    public async Task OpenAiStream_FromUpstream_IsPassedThroughByteForByte()
    {
        await using var h = await CloudApiHarness.StartAsync(Behaviors.Stream("Hel", "lo"));

        using var response = await h.Client.PostAsync("/v1/chat/completions", UpstreamChat(stream: true, includeUsage: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(CloudApiHarness.Upstream, Assert.Single(response.Headers.GetValues("X-EdgeRouter-Tier")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(Behaviors.StreamBody("Hel", "lo"), body);
        Assert.EndsWith(Behaviors.DoneFrame, body);
    }

    [Fact]
    public async Task OpenAiStream_WithoutIncludeUsage_DropsOnlyTheUsageFrame()
    {
        await using var h = await CloudApiHarness.StartAsync(Behaviors.Stream("Hel", "lo"));

        using var response = await h.Client.PostAsync("/v1/chat/completions", UpstreamChat(stream: true));

        var expected = Behaviors.RoleFrame + Behaviors.ContentFrame("Hel") + Behaviors.ContentFrame("lo") + Behaviors.FinishFrame + Behaviors.DoneFrame;
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UpstreamDiesAfterFirstToken_OpenAiStream_EndsWithErrorEventAndNoDone()
    {
        await using var h = await CloudApiHarness.StartAsync(Behaviors.DieAfterFirstToken("Hel"));

        using var response = await h.Client.PostAsync("/v1/chat/completions", UpstreamChat(stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(Behaviors.RoleFrame + Behaviors.ContentFrame("Hel"), body);
        var events = ApiAssert.SseData(body);
        Assert.DoesNotContain("[DONE]", events);
        var error = JsonDocument.Parse(events[^1]).RootElement.GetProperty("error");
        Assert.Contains(CloudApiHarness.Upstream, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UpstreamDiesAfterFirstToken_OllamaChat_EndsWithInBandErrorLine()
    {
        await using var h = await CloudApiHarness.StartAsync(Behaviors.DieAfterFirstToken("Hel"));

        using var response = await h.Client.PostAsync("/api/chat",
            ApiAssert.Json($$"""{"model":"{{CloudApiHarness.Upstream}}","messages":[{"role":"user","content":"Hi"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = ApiAssert.NdjsonLines(await response.Content.ReadAsStringAsync());
        Assert.Equal("Hel", lines[0].GetProperty("message").GetProperty("content").GetString());
        Assert.True(lines[^1].TryGetProperty("error", out var error));
        Assert.Contains("mid-stream", error.GetString());
        Assert.DoesNotContain(lines, l => l.TryGetProperty("done", out var done) && done.GetBoolean());
    }

    [Fact]
    public async Task UpstreamRequestError_ReachesTheClientUnchanged()
    {
        await using var h = await CloudApiHarness.StartAsync(Behaviors.BadRequest);

        using var response = await h.Client.PostAsync("/v1/chat/completions", UpstreamChat(stream: false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Behaviors.BadRequestBody, await response.Content.ReadAsStringAsync());
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-EdgeRouter-Attempts")));
        Assert.False(response.Headers.Contains("X-EdgeRouter-Tier"));

        using var ollama = await h.Client.PostAsync("/api/chat",
            ApiAssert.Json($$"""{"model":"{{CloudApiHarness.Upstream}}","messages":[{"role":"user","content":"Hi"}],"stream":false}"""));
        Assert.Contains("temperature", await ApiAssert.OllamaErrorAsync(ollama, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task BackgroundPriorityHeader_NeverSpendsAPaidUpstream()
    {
        await using var h = await CloudApiHarness.StartAsync(Behaviors.Stream("ok"), paid: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = UpstreamChat(stream: false) };
        request.Headers.Add("X-EdgeRouter-Priority", "background");

        using var background = await h.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, background.StatusCode);
        Assert.Contains("background", Assert.Single(background.Headers.GetValues("X-EdgeRouter-Fallback")));
        Assert.Equal(0, h.Faulty.Requests(h.Scenario));

        using var interactive = await h.Client.PostAsync("/v1/chat/completions", UpstreamChat(stream: false));
        Assert.Equal(HttpStatusCode.OK, interactive.StatusCode);
        Assert.Equal(1, h.Faulty.Requests(h.Scenario));
    }

    [Fact]
    public async Task ChainWithUnresolvableCredential_StartupFailsNamingThePath()
    {
        var missing = "EDGEROUTER_TEST_MISSING_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        var error = await Assert.ThrowsAsync<ConfigException>(() => TestRouter.StartAsync(new TestRouterOptions
        {
            ConfigJson = CloudApiHarness.CloudConfigJson("https://api.example.invalid/v1", $"env:{missing}"),
        }));

        Assert.Contains($"cloud.upstreams.{CloudApiHarness.Upstream}.credential", error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public async Task WithCloudConfig_ModelsListTheLocalModelAndRoutes()
    {
        await using var h = await CloudApiHarness.StartAsync(Behaviors.Stream("ok"));

        var models = await ApiAssert.ReadJsonAsync(await h.Client.GetAsync("/v1/models"));

        var ids = models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("fake-model", ids);
        Assert.Contains("auto", ids);
        using var local = await h.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"Hi"}]}"""));
        Assert.Equal("local", Assert.Single(local.Headers.GetValues("X-EdgeRouter-Tier")));
    }
}
