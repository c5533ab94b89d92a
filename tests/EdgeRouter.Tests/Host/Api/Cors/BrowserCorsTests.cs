using System.Net;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api.Cors;

/// <summary>The CORS headers on a real Kestrel: what a browser needs to let a page read the answer, and the refusals.</summary>
public sealed class BrowserCorsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-cors-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static HttpRequestMessage Preflight(string path, string origin, string headers = "content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static HttpRequestMessage Chat(string path, string origin)
    {
        var body = path.StartsWith("/v1", StringComparison.Ordinal)
            ? """{"model":"local","messages":[{"role":"user","content":"hi"}]}"""
            : """{"model":"local","messages":[{"role":"user","content":"hi"}],"stream":false}""";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiAssert.Json(body) };
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : string.Empty;

    [Theory]
    [InlineData("/api/chat", "http://localhost:3000")]
    [InlineData("/v1/chat/completions", "http://127.0.0.1:8080")]
    [InlineData("/v1/chat/completions", "https://localhost")]
    [InlineData("/api/tags", "http://[::1]:5173")]
    [InlineData("/api/chat", "http://0.0.0.0:8080")]
    [InlineData("/api/chat", "tauri://localhost")]
    [InlineData("/api/chat", "chrome-extension://abcdefghijklmnop")]
    [InlineData("/api/chat", "moz-extension://0b1f0c8e-5a1c-4c8a-9d45-1b2b2f0f2a11")]
    [InlineData("/api/chat", "app://obsidian.md")]
    public async Task Preflight_FromLocalOrigin_AnswersWithOriginMethodsHeadersAndMaxAge(string path, string origin)
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.SendAsync(Preflight(path, origin,
            "authorization, content-type, x-stainless-os, x-stainless-retry-count, x-stainless-timeout"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        var allowed = Header(response, "Access-Control-Allow-Headers");
        foreach (var header in new[] { "authorization", "content-type", "x-stainless-os", "x-stainless-retry-count", "x-stainless-timeout" })
        {
            Assert.Contains(header, allowed, StringComparison.Ordinal);
        }
        Assert.Equal("7200", Header(response, "Access-Control-Max-Age"));
        Assert.Contains("Origin", Header(response, "Vary"), StringComparison.Ordinal);
        Assert.Empty(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("/api/chat")]
    [InlineData("/v1/chat/completions")]
    public async Task Request_FromLocalOrigin_IsServedWithAllowOriginAndVary(string path)
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.SendAsync(Chat(path, "http://localhost:3000"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost:3000", Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", Header(response, "Vary"), StringComparison.Ordinal);
        Assert.Contains("Retry-After", Header(response, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WithoutOrigin_GetsNoCorsHeaders()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync("/api/tags");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Header(response, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/api/chat", "https://evil.example")]
    [InlineData("/v1/chat/completions", "http://edgerouter-test.invalid:8080")]
    [InlineData("/api/chat", "null")]
    [InlineData("/api/chat", "http://localhost.evil.example")]
    [InlineData("/api/chat", "http://localhost:80/path")]
    public async Task ForeignOrigin_IsRefusedInTheSurfaceShape_AndNeverReachesTheModel(string path, string origin)
    {
        await using var router = await TestRouter.StartAsync();

        using var preflight = await router.Client.SendAsync(Preflight(path, origin));
        using var simple = await router.Client.SendAsync(Chat(path, origin));

        Assert.Equal(HttpStatusCode.Forbidden, preflight.StatusCode);
        Assert.Empty(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Empty(Header(simple, "Access-Control-Allow-Origin"));
        if (path.StartsWith("/v1", StringComparison.Ordinal))
        {
            await ApiAssert.OpenAiErrorAsync(simple, HttpStatusCode.Forbidden, code: "origin_not_allowed");
        }
        else
        {
            Assert.Contains("cors", await ApiAssert.OllamaErrorAsync(simple, HttpStatusCode.Forbidden), StringComparison.Ordinal);
        }
        Assert.Equal(0, router.Fake.Generations);
    }

    [Fact]
    public async Task Preflight_LeavesOutHeadersThatAreNotAllowed()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.SendAsync(Preflight("/api/chat", "http://localhost:3000", "content-type, x-secret-thing"));

        var allowed = Header(response, "Access-Control-Allow-Headers");
        Assert.Contains("content-type", allowed, StringComparison.Ordinal);
        Assert.DoesNotContain("x-secret-thing", allowed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredOrigins_ExactAndWildcard_AreAllowed_OthersAreNot()
    {
        var path = Path.Join(_directory, "config.json");
        File.WriteAllText(path, """{"cors": {"origins": ["https://chat.example.com/", "https://*.example.org"]}}""");
        await using var router = await TestRouter.StartAsync(args: ["--config", path]);

        using var exact = await router.Client.SendAsync(Preflight("/api/chat", "https://chat.example.com"));
        using var wildcard = await router.Client.SendAsync(Preflight("/v1/chat/completions", "https://ui.example.org"));
        using var other = await router.Client.SendAsync(Preflight("/api/chat", "https://example.net"));

        Assert.Equal("https://chat.example.com", Header(exact, "Access-Control-Allow-Origin"));
        Assert.Equal("https://ui.example.org", Header(wildcard, "Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task AnyOrigin_AnswersStar_WithoutCredentials()
    {
        var path = Path.Join(_directory, "config.json");
        File.WriteAllText(path, """{"cors": {"origins": ["*"]}}""");
        await using var router = await TestRouter.StartAsync(args: ["--config", path]);

        using var response = await router.Client.SendAsync(Preflight("/api/chat", "https://anything.example"));

        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Empty(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Preflight_FromPublicOrigin_ToPrivateNetwork_IsAllowedWhenTheOriginIs()
    {
        var path = Path.Join(_directory, "config.json");
        File.WriteAllText(path, """{"cors": {"origins": ["https://chat.example.com"]}}""");
        await using var router = await TestRouter.StartAsync(args: ["--config", path]);
        using var request = Preflight("/api/chat", "https://chat.example.com");
        request.Headers.Add("Access-Control-Request-Private-Network", "true");

        using var response = await router.Client.SendAsync(request);

        Assert.Equal("true", Header(response, "Access-Control-Allow-Private-Network"));
    }
}
