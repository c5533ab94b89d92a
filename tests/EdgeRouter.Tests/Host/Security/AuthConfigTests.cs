using EdgeRouter.Host.Cli;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Host.Security;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Security;

public sealed class AuthConfigTests : IDisposable
{
    private static readonly string Hash = KeyHash.Of("er_token");
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-authcfg-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private RouterConfig Load(string json) => ConfigFile.Load(_directory, json);

    [Fact]
    public void Load_ReadsKeysWithDefaults()
    {
        var config = Load($$"""
            { "auth": { "apiKeys": [
              { "name": "chat-ui", "sha256": "{{Hash.ToUpperInvariant()}}" },
              { "name": "agent", "sha256": "{{KeyHash.Of("other")}}", "requestsPerMinute": 10, "burst": 3, "priority": "background", "routes": ["local"] }
            ] } }
            """);

        var chat = config.Auth.ApiKeys[0];
        Assert.Equal(("chat-ui", Hash, 60, null, RequestPriority.Interactive), (chat.Name, chat.Sha256, chat.RequestsPerMinute, chat.Burst, chat.Priority));
        Assert.Null(chat.Routes);
        var agent = config.Auth.ApiKeys[1];
        Assert.Equal((10, 3, RequestPriority.Background), (agent.RequestsPerMinute, agent.Burst, agent.Priority));
        Assert.Equal(["local"], agent.Routes!);
        Assert.True(config.Auth.RequiresKeys);
    }

    [Fact]
    public void Load_NoAuthSection_RequiresNoKeys() => Assert.False(Load("{}").Auth.RequiresKeys);

    [Theory]
    [InlineData("""{ "name": "a", "sha256": "HASH", "nmae": 1 }""", "auth.apiKeys[0].nmae")]
    [InlineData("""{ "sha256": "HASH" }""", "auth.apiKeys[0].name")]
    [InlineData("""{ "name": "has space", "sha256": "HASH" }""", "auth.apiKeys[0].name")]
    [InlineData("""{ "name": "a" }""", "auth.apiKeys[0].sha256")]
    [InlineData("""{ "name": "a", "sha256": "er_token" }""", "auth.apiKeys[0].sha256")]
    [InlineData("""{ "name": "a", "sha256": "HASH", "requestsPerMinute": 0 }""", "auth.apiKeys[0].requestsPerMinute")]
    [InlineData("""{ "name": "a", "sha256": "HASH", "burst": -1 }""", "auth.apiKeys[0].burst")]
    [InlineData("""{ "name": "a", "sha256": "HASH", "priority": "urgent" }""", "auth.apiKeys[0].priority")]
    [InlineData("""{ "name": "a", "sha256": "HASH", "routes": [] }""", "auth.apiKeys[0].routes")]
    [InlineData("""{ "name": "a", "sha256": "HASH", "routes": ["gpt-9"] }""", "auth.apiKeys[0].routes")]
    [InlineData("""{ "name": "a", "sha256": "HASH", "requestsPerMinute": "many" }""", "auth.apiKeys[0].requestsPerMinute")]
    [InlineData("""{ "name": "a", "sha256": "HASH" }, { "name": "A", "sha256": "HASH2" }""", "auth.apiKeys[1].name")]
    [InlineData("""{ "name": "a", "sha256": "HASH" }, { "name": "b", "sha256": "HASH" }""", "auth.apiKeys[1].sha256")]
    public void Load_InvalidKey_NamesThePath(string entries, string path)
    {
        var json = "{ \"auth\": { \"apiKeys\": [" + entries.Replace("HASH2", KeyHash.Of("x")).Replace("HASH", Hash) + "] } }";

        var error = Assert.Throws<ConfigException>(() => Load(json));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("*", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("[::]", false)]
    public void ListenEndpoint_KnowsLoopback(string host, bool loopback)
    {
        Assert.True(ListenEndpoint.TryParse(host + ":8080", out var endpoint, out _));
        Assert.Equal(loopback, endpoint.IsLoopback);
    }

    [Fact]
    public async Task NonLoopbackListen_WithoutKeys_RefusesToStart_Exit2()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["--listen", "0.0.0.0:0"], stdout, stderr, TestRouter.Overrides(new ManualTimeProvider(), new LogCapture()));

        Assert.Equal(ExitCodes.UsageOrConfig, exit);
        Assert.Contains("no API keys are configured", stderr.ToString());
        Assert.Contains("edgerouter key new", stderr.ToString());
        await Assert.ThrowsAsync<ConfigException>(() => RouterHost.StartAsync(RouterConfig.Default with { Listen = new ListenEndpoint("*", 0) }));
    }

    [Fact]
    public async Task NonLoopbackListen_WithKeys_Starts_AndDemandsAKeyEvenFromLoopback()
    {
        var path = Path.Join(_directory, "config.json");
        File.WriteAllText(path, $$"""{ "auth": { "apiKeys": [ { "name": "app", "sha256": "{{Hash}}" } ] } }""");
        await using var router = await TestRouter.StartAsync(new TestRouterOptions { Listen = "0.0.0.0:0", Args = ["--config", path] });
        using var client = TestRouter.CreateClient(new Uri($"http://127.0.0.1:{router.Router.Address.Port}"));

        using var anonymous = await client.GetAsync("/v1/models");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "er_token");
        using var keyed = await client.GetAsync("/v1/models");
        Assert.Equal(System.Net.HttpStatusCode.OK, keyed.StatusCode);
    }

    [Fact]
    public async Task KeyNew_PrintsATokenOnce_AndTheHashToConfigure()
    {
        using var stdout = new StringWriter();

        var exit = await CliApp.RunAsync(["key", "new", "--name", "home-assistant"], stdout, TextWriter.Null);

        Assert.Equal(ExitCodes.Ok, exit);
        var text = stdout.ToString();
        var token = System.Text.RegularExpressions.Regex.Match(text, @"er_[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(token);
        Assert.Contains($"\"name\": \"home-assistant\", \"sha256\": \"{KeyHash.Of(token)}\"", text);
        Assert.Equal(2, await CliApp.RunAsync(["key", "new", "--name", "no spaces"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, await CliApp.RunAsync(["key", "rotate"], TextWriter.Null, TextWriter.Null));
    }
}
