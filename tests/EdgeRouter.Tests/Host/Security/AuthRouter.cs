using EdgeRouter.Host.Security;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Security;

/// <summary>A <see cref="TestRouter"/> whose config file has an "auth" section, plus a client per key.</summary>
internal sealed class AuthRouter : IAsyncDisposable
{
    private AuthRouter(TestRouter router) => Router = router;

    public TestRouter Router { get; }

    public static async Task<AuthRouter> StartAsync(string apiKeysJson, string? extraJson = null, FakeTextGenerator? fake = null) =>
        new(await TestRouter.StartAsync(new TestRouterOptions
        {
            Fake = fake,
            ConfigJson = $$"""{ {{(extraJson is null ? "" : extraJson + ",")}} "auth": { "apiKeys": {{apiKeysJson}} } }""",
        }));

    /// <summary>One key entry for the "apiKeys" array.</summary>
    public static string Key(string name, string token, string extra = "") =>
        $$"""{ "name": "{{name}}", "sha256": "{{KeyHash.Of(token)}}"{{(extra.Length > 0 ? ", " + extra : "")}} }""";

    public HttpClient ClientWith(string? token)
    {
        var client = TestRouter.CreateClient(Router.Router.Address);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public ValueTask DisposeAsync() => Router.DisposeAsync();
}
