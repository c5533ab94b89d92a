using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Cloud.Tiers;

/// <summary>A 401 disables the credential for its long window, raises an event, and never reads as a rate limit.</summary>
public sealed class CredentialTests : IAsyncLifetime
{
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CloudConfig Config() => new()
    {
        Upstreams = [Upstream(_server, "cloud"), Upstream(_server, "sibling"), Upstream(_server, "backup", key: "KEY_B")],
        Routes =
        [
            new RouteConfig { Name = "smart", Chain = ["cloud"] },
            new RouteConfig { Name = "sib", Chain = ["sibling"] },
            new RouteConfig { Name = "safe", Chain = ["cloud", "backup"] },
        ],
        Cooldowns = new CooldownConfig { CredentialDisable = TimeSpan.FromMinutes(30) },
    };

    [Fact]
    public async Task Unauthorized_DisablesTheKeyForItsWindow_RaisesEvent_NeverARateLimit()
    {
        _server.Set("cloud", Behaviors.Unauthorized);
        _server.Set("sibling", Behaviors.Stream("sibling"));
        await using var h = await StartAsync(Config());

        var first = await h.RunAsync("smart");

        AssertNotARateLimit(first);
        Assert.Equal("upstream_credential_rejected", first.Failure!.Code);
        Assert.Equal("cloud=http-401", first.Trace.FallbackSummary);
        var disabled = Assert.Single(h.Events, e => e.Kind == HealthEventKind.CredentialDisabled);
        Assert.Equal("env:KEY_A", disabled.Subject);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromMinutes(30), disabled.Until);

        // Disabled: nothing is sent on that key, from either upstream, and it still does not look like a rate limit.
        var second = await h.RunAsync("smart");
        var sibling = await h.RunAsync("sib");
        Assert.Equal(1, _server.Requests("cloud"));
        Assert.Equal(0, _server.Requests("sibling"));
        AssertNotARateLimit(second);
        AssertNotARateLimit(sibling);
        Assert.Equal("cloud=credential-disabled", second.Trace.FallbackSummary);

        h.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("cloud=credential-disabled", (await h.RunAsync("smart")).Trace.FallbackSummary);

        // The window ends (the key was fixed meanwhile): probes on that key, not real traffic, bring the tiers back.
        _server.Set("cloud", Behaviors.Stream("cloud"));
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        var probing = await h.RunAsync("sib");
        Assert.Equal("sibling=probing", probing.Trace.FallbackSummary);
        AssertNotARateLimit(probing);
        await h.RecoverAsync("sibling");
        Assert.True((await h.RunAsync("sib")).Served);
        Assert.Equal(1, _server.Traffic("sibling"));
    }

    [Fact]
    public async Task Unauthorized_FailsOverToAnotherKey()
    {
        _server.Set("cloud", Behaviors.Unauthorized);
        _server.Set("backup", Behaviors.Stream("backup"));
        await using var h = await StartAsync(Config());

        var routed = await h.RunAsync("safe");

        Assert.True(routed.Served);
        Assert.Equal("backup", routed.Trace.Tier);
        Assert.Equal("cloud=http-401", routed.Trace.FallbackSummary);
    }

    private static void AssertNotARateLimit(Routed routed)
    {
        var failure = routed.Failure!;
        Assert.Equal(502, failure.StatusCode);
        Assert.NotEqual(429, failure.StatusCode);
        Assert.Null(failure.RetryAfter);
        Assert.DoesNotContain("rate", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cooling", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sk-key", failure.Message);
    }
}
