using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Tests.Cloud.Config;

public sealed class CloudConfigValidatorTests
{
    private static readonly CredentialResolver Credentials = new(
        name => name switch { "OPENAI_KEY" => "sk-test", "CREDENTIALS_DIRECTORY" => "/run/creds", _ => null },
        path => path == "/run/creds/anthropic" ? "key\n" : null);

    private static UpstreamConfig Upstream(string name, string credential = "env:OPENAI_KEY") => new()
    {
        Name = name,
        BaseUrl = new Uri("https://api.example.com/v1/"),
        Model = "m",
        Credential = credential,
    };

    private static CloudConfig Valid() => new()
    {
        Upstreams = [Upstream("mini"), Upstream("big", "systemd:anthropic")],
        Routes =
        [
            new RouteConfig { Name = "fast", Chain = ["local", "mini"] },
            new RouteConfig { Name = "smart", Chain = ["big", "fast"], Aliases = ["gpt-4o"] },
        ],
    };

    [Fact]
    public void Validate_ValidConfig_HasNoErrors()
    {
        Assert.Empty(CloudConfigValidator.Validate(Valid(), Credentials));
    }

    [Fact]
    public void Validate_ChainCycle_NamesTheClosingEntry()
    {
        var config = Valid() with
        {
            Routes =
            [
                new RouteConfig { Name = "a", Chain = ["mini", "b"] },
                new RouteConfig { Name = "b", Chain = ["local", "a"] },
            ],
        };

        var error = Assert.Single(CloudConfigValidator.Validate(config, Credentials));

        Assert.Equal("routes.b.chain[1]", error.Path);
        Assert.Contains("cycle", error.Message);
        Assert.Contains("a -> b -> a", error.Message);
    }

    [Fact]
    public void Validate_SelfReference_IsACycle()
    {
        var config = Valid() with { Routes = [new RouteConfig { Name = "smart", Chain = ["mini", "smart"] }] };
        var error = Assert.Single(CloudConfigValidator.Validate(config, Credentials));
        Assert.Equal("routes.smart.chain[1]", error.Path);
    }

    [Fact]
    public void Validate_UnknownUpstream_NamesThePath()
    {
        var config = Valid() with { Routes = [new RouteConfig { Name = "smart", Chain = ["big", "gpt5"] }] };

        var error = Assert.Single(CloudConfigValidator.Validate(config, Credentials));

        Assert.Equal("routes.smart.chain[1]", error.Path);
        Assert.Contains("unknown upstream 'gpt5'", error.Message);
        Assert.Equal("routes.smart.chain[1]: unknown upstream 'gpt5' (not 'local', a configured upstream or a route)", error.ToString());
    }

    [Fact]
    public void Validate_UnresolvableCredential_NamesThePathNotTheKey()
    {
        var config = Valid() with { Upstreams = [Upstream("mini"), Upstream("big", "env:MISSING_KEY")] };

        var error = Assert.Single(CloudConfigValidator.Validate(config, Credentials));

        Assert.Equal("upstreams.big.credential", error.Path);
        Assert.Contains("MISSING_KEY is not set", error.Message);
    }

    [Fact]
    public void Validate_SystemdCredentialWithoutDirectory_IsAnError()
    {
        var noSystemd = new CredentialResolver(_ => null, _ => null);
        var config = Valid() with { Upstreams = [Upstream("big", "systemd:anthropic")], Routes = [] };

        var error = Assert.Single(CloudConfigValidator.Validate(config, noSystemd));

        Assert.Equal("upstreams.big.credential", error.Path);
        Assert.Contains("CREDENTIALS_DIRECTORY", error.Message);
    }

    [Fact]
    public void Validate_InlineKey_IsRejectedWithoutEchoingIt()
    {
        var config = Valid() with { Upstreams = [Upstream("mini", "sk-live-abcdef")], Routes = [] };
        var error = Assert.Single(CloudConfigValidator.Validate(config, Credentials));
        Assert.Equal("upstreams.mini.credential", error.Path);
        Assert.DoesNotContain("sk-live-abcdef", error.Message);
    }

    [Fact]
    public void Validate_ReportsEveryProblem_WithPrefix()
    {
        var config = new CloudConfig
        {
            Upstreams =
            [
                Upstream("local"),
                Upstream("x") with { BaseUrl = new Uri("ftp://example.com/"), ContextWindow = 1, Limits = new UpstreamLimits { MaxConcurrency = 0 } },
            ],
            Routes = [new RouteConfig { Name = "r", Chain = [] }, new RouteConfig { Name = "d", Chain = ["x", "x"] }],
            Breaker = new BreakerConfig { MinimumThroughput = 1 },
            Cooldowns = new CooldownConfig { Throttle = TimeSpan.FromSeconds(60), MaxThrottle = TimeSpan.FromSeconds(10) },
        };

        var paths = CloudConfigValidator.Validate(config, Credentials, "cloud.").Select(e => e.Path).ToList();

        Assert.Contains("cloud.upstreams.local", paths);
        Assert.Contains("cloud.upstreams.x.baseUrl", paths);
        Assert.Contains("cloud.upstreams.x.contextWindow", paths);
        Assert.Contains("cloud.upstreams.x.limits.maxConcurrency", paths);
        Assert.Contains("cloud.routes.r.chain", paths);
        Assert.Contains("cloud.routes.d.chain[1]", paths);
        Assert.Contains("cloud.breaker.minimumThroughput", paths);
        Assert.Contains("cloud.cooldowns.maxThrottleSeconds", paths);
    }

    [Fact]
    public void Validate_AliasClash_IsReported()
    {
        var config = Valid() with
        {
            Routes =
            [
                new RouteConfig { Name = "fast", Chain = ["mini"], Aliases = ["quick"] },
                new RouteConfig { Name = "quick", Chain = ["big"] },
                new RouteConfig { Name = "other", Chain = ["big"], Aliases = ["mini"] },
            ],
        };

        var paths = CloudConfigValidator.Validate(config, Credentials).Select(e => e.Path).ToList();

        Assert.Contains("routes.quick", paths);
        Assert.Contains("routes.other.aliases[0]", paths);
    }
}
