using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Cloud.Credentials;

/// <summary>
/// The shared-key incident (issue 16, item 2): one key under two references (<c>env:KEY_A</c> and a file holding the
/// same key) is one failure domain, so a request walking both gets one 429, not two. An explicit failureDomain wins.
/// </summary>
public sealed class SecretDomainTests : IAsyncLifetime
{
    private const string KeyFile = "/run/keys/openai-copy";

    private static readonly Dictionary<string, string> Files = new() { [KeyFile] = "sk-key-a\n" };

    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CloudConfig Config(string? explicitDomain = null) => new()
    {
        Upstreams =
        [
            Upstream(_server, "primary"),
            Upstream(_server, "copy") with { Credential = $"file:{KeyFile}", FailureDomain = explicitDomain },
        ],
        Routes = [new RouteConfig { Name = "smart", Chain = ["primary", "copy"] }],
    };

    [Fact]
    public async Task TwoReferencesToOneKey_OneRequestGetsOne429_TheCopyIsSkippedAsCooling()
    {
        _server.Set("primary", Behaviors.Throttled("45"));
        _server.Set("copy", Behaviors.Throttled("45"));
        await using var h = await StartAsync(Config(), files: Files);

        var routed = await h.RunAsync("smart");

        Assert.False(routed.Served);
        Assert.Equal("primary=http-429, copy=cooling", routed.Trace.FallbackSummary);
        Assert.Equal(1, _server.Requests("primary"));
        Assert.Equal(0, _server.Requests("copy"));
        Assert.Single(h.Events, e => e.Kind == HealthEventKind.Cooldown);
        var statuses = h.Upstreams.UpstreamStatuses();
        // The shared domain is named after the first reference: readable, stable across restarts, nothing about the key.
        Assert.All(statuses, s => Assert.Equal("env:KEY_A", s.FailureDomain));
        Assert.All(statuses, s => Assert.NotNull(s.Cooldown));
    }

    [Fact]
    public async Task DifferentKeysUnderDifferentReferences_StayIndependent()
    {
        _server.Set("primary", Behaviors.Throttled("45"));
        _server.Set("copy", Behaviors.Stream("copy"));
        await using var h = await StartAsync(Config(), files: new Dictionary<string, string> { [KeyFile] = "sk-another-key" });

        var routed = await h.RunAsync("smart");

        Assert.Equal("copy", routed.Trace.Tier);
        Assert.Equal($"file:{KeyFile}", Assert.Single(h.Upstreams.UpstreamStatuses(), s => s.Name == "copy").FailureDomain);
    }

    [Fact]
    public async Task ExplicitFailureDomain_StillWins()
    {
        _server.Set("primary", Behaviors.Throttled("45"));
        _server.Set("copy", Behaviors.Stream("copy"));
        await using var h = await StartAsync(Config(explicitDomain: "account-b"), files: Files);

        var routed = await h.RunAsync("smart");

        Assert.Equal("copy", routed.Trace.Tier);
        Assert.Equal("primary=http-429", routed.Trace.FallbackSummary);
        Assert.Equal("account-b", Assert.Single(h.Upstreams.UpstreamStatuses(), s => s.Name == "copy").FailureDomain);
    }

    [Fact]
    public void Fingerprints_MatchEqualKeys_RevealNothing_AndDependOnTheProcessKey()
    {
        var one = new SecretFingerprints(new byte[32]);
        var other = new SecretFingerprints(Enumerable.Repeat((byte)7, 32).ToArray());

        Assert.Equal(one.Of(new Secret("sk-key-a")), one.Of(new Secret("sk-key-a")));
        Assert.NotEqual(one.Of(new Secret("sk-key-a")), one.Of(new Secret("sk-key-b")));
        Assert.NotEqual(one.Of(new Secret("sk-key-a")), other.Of(new Secret("sk-key-a")));
        Assert.Equal("[fingerprint]", one.Of(new Secret("sk-key-a")).ToString());
        Assert.Equal("[fingerprint]", $"{SecretFingerprints.Process.Of(new Secret("sk-key-a"))}");
    }

    [Fact]
    public void FindShared_NamesEveryUpstreamOnTheKey_AndSaysWhenExplicitDomainsKeepThemApart()
    {
        var upstreams = Config().Upstreams.Append(Upstream(_server, "third", key: "KEY_B")).ToList();
        Secret? SecretOf(UpstreamConfig u) => u.Name == "third" ? new Secret("sk-key-b") : new Secret("sk-key-a");

        var shared = Assert.Single(SecretDomains.FindShared(upstreams, SecretOf));
        Assert.Equal(["primary", "copy"], shared.Upstreams.Select(u => u.Name));
        Assert.Equal("env:KEY_A", shared.Domain);

        var apart = Assert.Single(SecretDomains.FindShared(Config(explicitDomain: "account-b").Upstreams, SecretOf));
        Assert.Null(apart.Domain);
        // Two upstreams on one reference are one domain by definition: nothing to warn about.
        Assert.Empty(SecretDomains.FindShared([Upstream(_server, "a"), Upstream(_server, "b")], SecretOf));
    }
}
