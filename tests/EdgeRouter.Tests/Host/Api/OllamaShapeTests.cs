using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>
/// The calls an Ollama front-end makes at start-up, against response examples written from Ollama's API docs
/// (tests/fixtures/ollama-api): every documented field is present with the documented JSON type. Values are not compared.
/// </summary>
public sealed class OllamaShapeTests
{
    [Fact]
    public async Task Root_IsOllamasLivenessText()
    {
        await using var router = await TestRouter.StartAsync();

        using var get = await router.Client.GetAsync("/");
        using var head = await router.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("text/plain", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(Example("root.txt")), await get.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("GET", "/api/version", null, "version.json")]
    [InlineData("GET", "/api/tags", null, "tags.json")]
    [InlineData("POST", "/api/show", """{"model":"fake-model"}""", "show.json")]
    [InlineData("GET", "/api/ps", null, "ps.json")]
    public async Task StartupCall_HasTheDocumentedShape(string method, string path, string? body, string example)
    {
        await using var router = await TestRouter.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : ApiAssert.Json(body) };

        using var response = await router.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Example(example)));
        AssertSameShape(expected.RootElement, await ApiAssert.ReadJsonAsync(response), "$");
    }

    [Fact]
    public async Task Version_IsOneFrontEndsAccept_WithOurOwnInAHeader()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.GetAsync("/api/version");

        var version = (await ApiAssert.ReadJsonAsync(response)).GetProperty("version").GetString()!;
        Assert.True(Version.Parse(version) >= new Version(0, 12, 0), version);
        Assert.Equal(EdgeRouter.Host.AppVersion.Current, string.Join(",", response.Headers.GetValues("X-EdgeRouter-Version")));
    }

    /// <summary>Every field of the example exists in the actual answer with the same JSON kind; arrays by their first item.</summary>
    private static void AssertSameShape(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        Assert.True(Kind(expected) == Kind(actual), $"{path}: expected {Kind(expected)}, got {Kind(actual)}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(property.Name, out var value), $"{path}.{property.Name} is missing");
                    AssertSameShape(property.Value, value, $"{path}.{property.Name}");
                }
                break;
            case JsonValueKind.Array when expected.GetArrayLength() > 0:
                Assert.True(actual.GetArrayLength() > 0, $"{path} is empty");
                AssertSameShape(expected[0], actual[0], $"{path}[0]");
                break;
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False ? "boolean" : element.ValueKind.ToString();

    private static string Example(string name, [CallerFilePath] string thisFile = "")
    {
        for (var dir = Path.GetDirectoryName(thisFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Join(dir, "fixtures", "ollama-api", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("tests/fixtures/ollama-api/" + name + " not found above " + thisFile);
    }
}
