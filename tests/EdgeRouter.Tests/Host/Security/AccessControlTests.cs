using System.Net;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Security;

public sealed class AccessControlTests
{
    private const string ChatToken = "er_chat-token-for-tests-0123456789";
    private const string BatchToken = "er_batch-token-for-tests-0123456789";
    private const string Chat = """{"model":"local","messages":[{"role":"user","content":"hi"}]}""";
    private const string OllamaChat = """{"model":"local","messages":[{"role":"user","content":"hi"}],"stream":false}""";

    private static string TwoKeys(string chatExtra = "", string batchExtra = "\"priority\": \"background\"") =>
        $"[{AuthRouter.Key("chat-ui", ChatToken, chatExtra)}, {AuthRouter.Key("batch", BatchToken, batchExtra)}]";

    [Fact]
    public async Task NoKey_Gets401InEachSurfacesShape_WithWwwAuthenticate()
    {
        await using var router = await AuthRouter.StartAsync(TwoKeys());
        using var anonymous = router.ClientWith(null);

        using var openAi = await anonymous.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));
        await ApiAssert.OpenAiErrorAsync(openAi, HttpStatusCode.Unauthorized, code: "missing_api_key");
        Assert.Equal("Bearer", openAi.Headers.WwwAuthenticate.ToString());

        using var ollama = await anonymous.PostAsync("/api/chat", ApiAssert.Json(OllamaChat));
        await ApiAssert.OllamaErrorAsync(ollama, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", ollama.Headers.WwwAuthenticate.ToString());

        using var models = await anonymous.GetAsync("/v1/models");
        await ApiAssert.OpenAiErrorAsync(models, HttpStatusCode.Unauthorized);
        using var tags = await anonymous.GetAsync("/api/tags");
        await ApiAssert.OllamaErrorAsync(tags, HttpStatusCode.Unauthorized);
        Assert.Equal(0, router.Router.Fake.Generations);
    }

    [Theory]
    [InlineData("Bearer er_wrong-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic ZXJfY2hhdA==")]
    [InlineData("er_chat-token-for-tests-0123456789")]
    public async Task WrongOrMalformedKey_Gets401(string authorization)
    {
        await using var router = await AuthRouter.StartAsync(TwoKeys());
        using var client = router.ClientWith(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = ApiAssert.Json(Chat) };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        var error = await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(ChatToken, error.ToString());
    }

    [Fact]
    public async Task ValidKey_IsServed_AndProbesStayOpen()
    {
        await using var router = await AuthRouter.StartAsync(TwoKeys());
        using var chat = router.ClientWith(ChatToken);
        using var anonymous = router.ClientWith(null);

        using var served = await chat.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        using var ollama = await chat.PostAsync("/api/chat", ApiAssert.Json(OllamaChat));
        Assert.Equal(HttpStatusCode.OK, ollama.StatusCode);

        foreach (var open in new[] { "/", "/healthz", "/readyz" })
        {
            using var probe = await anonymous.GetAsync(open);
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }
        // Loopback callers read /status and /metrics without a key (404 until those endpoints exist, never 401).
        foreach (var local in new[] { "/status", "/metrics" })
        {
            using var page = await anonymous.GetAsync(local);
            Assert.NotEqual(HttpStatusCode.Unauthorized, page.StatusCode);
        }
    }

    [Fact]
    public async Task RouteNotAllowedForKey_Gets403_OtherRoutesServe()
    {
        await using var router = await AuthRouter.StartAsync(
            TwoKeys(batchExtra: "\"routes\": [\"auto\"]"), extraJson: CloudJson);
        using var batch = router.ClientWith(BatchToken);

        using var denied = await batch.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat.Replace("\"local\"", "\"up-a\"")));
        await ApiAssert.OpenAiErrorAsync(denied, HttpStatusCode.Forbidden, code: "route_not_allowed", param: "model");
        using var deniedLocal = await batch.PostAsync("/api/chat", ApiAssert.Json(OllamaChat.Replace("\"local\"", "\"fake-model\"")));
        await ApiAssert.OllamaErrorAsync(deniedLocal, HttpStatusCode.Forbidden);

        using var allowed = await batch.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat.Replace("\"local\"", "\"default\"")));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(1, router.Router.Fake.Generations);
    }

    [Fact]
    public async Task LocalOnlyKey_AcceptsTheLocalModelsNames()
    {
        await using var router = await AuthRouter.StartAsync($"[{AuthRouter.Key("chat-ui", ChatToken, "\"routes\": [\"local\"]")}]");
        using var chat = router.ClientWith(ChatToken);

        foreach (var name in new[] { "local", "fake-model", "fake-model:latest", "auto" })
        {
            using var response = await chat.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat.Replace("\"local\"", $"\"{name}\"")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task KeyOverItsRateLimit_Gets429WithRetryAfter_OtherKeysUnaffected_RefillsWithTime()
    {
        await using var router = await AuthRouter.StartAsync(
            TwoKeys(batchExtra: "\"requestsPerMinute\": 2, \"burst\": 2, \"priority\": \"background\""));
        using var batch = router.ClientWith(BatchToken);
        using var chat = router.ClientWith(ChatToken);

        for (var i = 0; i < 2; i++)
        {
            using var ok = await batch.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await batch.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));
        await ApiAssert.OpenAiErrorAsync(limited, HttpStatusCode.TooManyRequests, code: "rate_limit_exceeded");
        Assert.Equal("30", limited.Headers.GetValues("Retry-After").Single());
        using var limitedOllama = await batch.GetAsync("/api/tags");
        await ApiAssert.OllamaErrorAsync(limitedOllama, HttpStatusCode.TooManyRequests);

        using var other = await chat.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        router.Router.Time.Advance(TimeSpan.FromSeconds(30));
        using var refilled = await batch.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, refilled.StatusCode);
    }

    [Fact]
    public async Task BackgroundKey_CannotClaimInteractive_InteractiveKeyMayAskForBackground()
    {
        await using var router = await AuthRouter.StartAsync(TwoKeys());
        using var batch = router.ClientWith(BatchToken);
        using var chat = router.ClientWith(ChatToken);
        var fake = router.Router.Fake;

        using var asInteractive = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = ApiAssert.Json(Chat) };
        asInteractive.Headers.Add("X-EdgeRouter-Priority", "interactive");
        using (var response = await batch.SendAsync(asInteractive))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(RequestPriority.Background, fake.LastRequest!.Priority);

        using (var response = await chat.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(RequestPriority.Interactive, fake.LastRequest!.Priority);

        using var asBackground = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = ApiAssert.Json(Chat) };
        asBackground.Headers.Add("X-EdgeRouter-Priority", "background");
        using (var response = await chat.SendAsync(asBackground))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(RequestPriority.Background, fake.LastRequest!.Priority);
    }

    [Fact]
    public async Task RejectedRequests_LogTheKeyNameAtMost_NeverAToken()
    {
        await using var router = await AuthRouter.StartAsync(TwoKeys(batchExtra: "\"requestsPerMinute\": 1, \"burst\": 1"));
        using var batch = router.ClientWith(BatchToken);
        using var wrong = router.ClientWith("er_not-a-key-but-secret-looking");

        (await batch.GetAsync("/v1/models")).Dispose();
        (await batch.GetAsync("/v1/models")).Dispose();
        (await wrong.GetAsync("/v1/models")).Dispose();

        var lines = string.Join("\n", router.Router.Logs.Lines);
        Assert.Contains("batch", lines);
        Assert.DoesNotContain(BatchToken, lines);
        Assert.DoesNotContain("er_not-a-key-but-secret-looking", lines);
    }

    private const string CloudJson = """
        "cloud": {
          "upstreams": { "up-a": { "baseUrl": "http://127.0.0.1:9/v1/", "model": "remote", "credential": "none" } },
          "routes": { "auto": { "chain": ["local", "up-a"] } }
        }
        """;
}
