using EdgeRouter.Host.Security;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Observability;

/// <summary>
/// The real router (TestRouter) with a config file naming one upstream "up-a" (key from a process environment variable),
/// an alert webhook and an admin token; upstream and webhook are scenarios of one real fault-injecting Kestrel.
/// </summary>
public sealed class ObservedRouter : IAsyncDisposable
{
    public const string Upstream = "up-a";
    public const string AdminToken = "er-admin-test-token-0123456789";
    public const string SecretKey = "sk-very-secret-upstream-key";

    private readonly string _directory;

    private ObservedRouter(TestRouter router, FaultyUpstream faulty, string upstreamScenario, string webhookScenario, string keyVariable, string directory)
    {
        Router = router;
        Faulty = faulty;
        UpstreamScenario = upstreamScenario;
        WebhookScenario = webhookScenario;
        KeyVariable = keyVariable;
        _directory = directory;
    }

    public TestRouter Router { get; }

    public FaultyUpstream Faulty { get; }

    public string UpstreamScenario { get; }

    public string WebhookScenario { get; }

    public string KeyVariable { get; }

    public HttpClient Client => Router.Client;

    public static async Task<ObservedRouter> StartAsync(UpstreamBehavior upstream, UpstreamBehavior webhook, bool admin = true,
        FakeTextGenerator? fake = null, string alertSeverity = "info")
    {
        var faulty = await FaultyUpstream.StartAsync();
        var upstreamScenario = "u" + Guid.NewGuid().ToString("N")[..8];
        var webhookScenario = "w" + Guid.NewGuid().ToString("N")[..8];
        faulty.Set(upstreamScenario, upstream);
        faulty.Set(webhookScenario, webhook);
        var keyVariable = "EDGEROUTER_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(keyVariable, SecretKey);
        var directory = Directory.CreateTempSubdirectory("edgerouter-observed-").FullName;
        var config = Path.Combine(directory, "edgerouter.json");
        var adminSection = admin ? $$""", "admin": { "tokenSha256": "{{KeyHash.Of(AdminToken)}}" }""" : "";
        await File.WriteAllTextAsync(config, $$"""
            {
              "cloud": {
                "upstreams": {
                  "{{Upstream}}": { "baseUrl": "{{faulty.BaseUrl(upstreamScenario)}}", "model": "remote-model", "credential": "env:{{keyVariable}}", "paid": false }
                },
                "routes": { "auto": { "chain": ["local", "{{Upstream}}"] } }
              },
              "alerts": { "url": "{{faulty.BaseUrl(webhookScenario)}}alerts", "dedupWindowSeconds": 60, "timeoutSeconds": 5, "minimumSeverity": "{{alertSeverity}}" }
              {{adminSection}}
            }
            """);
        try
        {
            var router = await TestRouter.StartAsync(fake, args: ["--config", config]);
            return new ObservedRouter(router, faulty, upstreamScenario, webhookScenario, keyVariable, directory);
        }
        catch
        {
            await faulty.DisposeAsync();
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>A chat request sent straight to the upstream (its name is a route of its own).</summary>
    public Task<HttpResponseMessage> ChatUpstreamAsync() => Client.PostAsync("/v1/chat/completions",
        ApiAssert.Json($$"""{"model":"{{Upstream}}","messages":[{"role":"user","content":"Hi"}]}"""));

    public Task<HttpResponseMessage> ChatLocalAsync() => Client.PostAsync("/v1/chat/completions",
        ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}]}"""));

    public async ValueTask DisposeAsync()
    {
        await Router.DisposeAsync();
        await Faulty.DisposeAsync();
        Environment.SetEnvironmentVariable(KeyVariable, null);
        Directory.Delete(_directory, recursive: true);
    }
}
