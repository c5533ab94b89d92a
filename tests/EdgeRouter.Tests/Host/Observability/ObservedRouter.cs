using EdgeRouter.Host.Security;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Observability;

/// <summary>
/// A <see cref="TestRouter"/> with a config file naming one upstream "up-a" (key from a process environment variable),
/// an alert webhook and an admin token; upstream and webhook are scenarios of one real fault-injecting Kestrel.
/// </summary>
public sealed class ObservedRouter : IAsyncDisposable
{
    public const string Upstream = "up-a";
    public const string AdminToken = "er-admin-test-token-0123456789";
    public const string SecretKey = "sk-very-secret-upstream-key";

    private ObservedRouter(TestRouter router, string upstreamScenario, string webhookScenario, string keyVariable)
    {
        Router = router;
        UpstreamScenario = upstreamScenario;
        WebhookScenario = webhookScenario;
        KeyVariable = keyVariable;
    }

    public TestRouter Router { get; }

    public FaultyUpstream Faulty => Router.Faulty;

    public string UpstreamScenario { get; }

    public string WebhookScenario { get; }

    /// <summary>The process environment variable holding the upstream key: the start checks resolve credentials from the process.</summary>
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
        var adminSection = admin ? $$""", "admin": { "tokenSha256": "{{KeyHash.Of(AdminToken)}}" }""" : "";
        try
        {
            var router = await TestRouter.StartAsync(new TestRouterOptions
            {
                Fake = fake,
                Upstream = faulty,
                ConfigJson = $$"""
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
                    """,
            });
            return new ObservedRouter(router, upstreamScenario, webhookScenario, keyVariable);
        }
        catch
        {
            Environment.SetEnvironmentVariable(keyVariable, null);
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
        Environment.SetEnvironmentVariable(KeyVariable, null);
    }
}
