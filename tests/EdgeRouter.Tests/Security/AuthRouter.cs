using EdgeRouter.Host.Security;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Security;

/// <summary>A <see cref="TestRouter"/> whose config file has an "auth" section, plus a client per key.</summary>
internal sealed class AuthRouter : IAsyncDisposable
{
    private readonly string _directory;

    private AuthRouter(TestRouter router, string directory)
    {
        Router = router;
        _directory = directory;
    }

    public TestRouter Router { get; }

    public static async Task<AuthRouter> StartAsync(string apiKeysJson, string? extraJson = null, FakeTextGenerator? fake = null)
    {
        var directory = Directory.CreateTempSubdirectory("edgerouter-auth-").FullName;
        var config = Path.Join(directory, "config.json");
        await File.WriteAllTextAsync(config, $$"""{ {{(extraJson is null ? "" : extraJson + ",")}} "auth": { "apiKeys": {{apiKeysJson}} } }""");
        try
        {
            return new AuthRouter(await TestRouter.StartAsync(fake, args: ["--config", config]), directory);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

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

    public async ValueTask DisposeAsync()
    {
        await Router.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
