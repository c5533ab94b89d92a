using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Api.Cloud;

/// <summary>
/// The real router binary's host (TestRouter: real Kestrel, real local tier over a fake generator) with a config file
/// whose "cloud" section points one upstream, "up-a", at a real fault-injecting Kestrel upstream.
/// </summary>
public sealed class CloudApiHarness : IAsyncDisposable
{
    public const string Upstream = "up-a";

    private readonly string _directory;

    private CloudApiHarness(TestRouter router, FaultyUpstream upstream, string scenario, string directory)
    {
        Router = router;
        Faulty = upstream;
        Scenario = scenario;
        _directory = directory;
    }

    public TestRouter Router { get; }

    public FaultyUpstream Faulty { get; }

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
        var directory = Directory.CreateTempSubdirectory("edgerouter-cloud-api-").FullName;
        var config = Path.Combine(directory, "edgerouter.json");
        var baseUrl = upstream.BaseUrl(scenario).ToString();
        await File.WriteAllTextAsync(config, configJson?.Invoke(baseUrl) ?? CloudConfigJson(baseUrl, "none", paid));
        try
        {
            var router = await TestRouter.StartAsync(fake, args: ["--config", config]);
            return new CloudApiHarness(router, upstream, scenario, directory);
        }
        catch
        {
            await upstream.DisposeAsync();
            Directory.Delete(directory, recursive: true);
            throw;
        }
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

    public async ValueTask DisposeAsync()
    {
        await Router.DisposeAsync();
        await Faulty.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
