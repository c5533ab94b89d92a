using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>
/// A <see cref="TestRouter"/> whose config's "cloud" section points one upstream, "up-a", at a scenario of its real
/// fault-injecting Kestrel upstream.
/// </summary>
public sealed class CloudApiHarness : IAsyncDisposable
{
    public const string Upstream = "up-a";

    private CloudApiHarness(TestRouter router, string scenario)
    {
        Router = router;
        Scenario = scenario;
    }

    public TestRouter Router { get; }

    public FaultyUpstream Faulty => Router.Faulty;

    /// <summary>The FaultyUpstream scenario that "up-a" is wired to.</summary>
    public string Scenario { get; }

    public HttpClient Client => Router.Client;

    /// <param name="configJson">The config file for the upstream's base URL; <see cref="CloudConfigJson"/> when null.</param>
    public static async Task<CloudApiHarness> StartAsync(UpstreamBehavior behavior, FakeTextGenerator? fake = null, bool paid = false,
        Func<string, string>? configJson = null)
    {
        var upstream = await FaultyUpstream.StartAsync();
        var scenario = "s" + Guid.NewGuid().ToString("N")[..8];
        upstream.Set(scenario, behavior);
        var baseUrl = upstream.BaseUrl(scenario).ToString();
        var router = await TestRouter.StartAsync(new TestRouterOptions
        {
            Fake = fake,
            Upstream = upstream,
            ConfigJson = configJson?.Invoke(baseUrl) ?? CloudConfigJson(baseUrl, "none", paid),
        });
        return new CloudApiHarness(router, scenario);
    }

    /// <summary>One upstream and "auto" = local, then the upstream.</summary>
    public static string CloudConfigJson(string baseUrl, string credential, bool paid = false) => $$"""
        {
          "cloud": {
            "upstreams": {
              "{{Upstream}}": { "baseUrl": "{{baseUrl}}", "model": "remote-model", "credential": "{{credential}}", "paid": {{(paid ? "true" : "false")}} }
            },
            "routes": { "auto": { "chain": ["local", "{{Upstream}}"] } }
          }
        }
        """;

    public ValueTask DisposeAsync() => Router.DisposeAsync();
}
