using EdgeRouter.Core.Gate;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Observability.Events;
using EdgeRouter.Host.Security;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Config;

/// <summary>The "alerts" and "admin" config sections, and the gate's saturation signal behind the gate events.</summary>
public sealed class OperatorConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-operator-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private RouterConfig Load(string json) => ConfigFile.Load(_directory, json);

    [Fact]
    public void Sections_Absent_AlertsAndAdminAreOff()
    {
        var config = Load("{}");
        Assert.False(config.Alerts.Enabled);
        Assert.False(config.Admin.Enabled);
    }

    [Fact]
    public void Sections_Valid_AreRead_AndTheUrlNeverShowsItsPath()
    {
        var hash = KeyHash.Of("token");
        var config = Load($$"""
            { "alerts": { "url": "https://ntfy.example/secret-topic", "dedupWindowSeconds": 30, "queueLength": 8, "timeoutSeconds": 2, "minimumSeverity": "warning" },
              "admin": { "tokenSha256": "{{hash.ToUpperInvariant()}}" } }
            """);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Alerts.DedupWindow);
        Assert.Equal(8, config.Alerts.QueueLength);
        Assert.Equal(TimeSpan.FromSeconds(2), config.Alerts.Timeout);
        Assert.Equal(EventSeverity.Warning, config.Alerts.MinimumSeverity);
        Assert.Equal(hash, config.Admin.TokenSha256);
        Assert.DoesNotContain("secret-topic", config.ToString());
        Assert.Equal("https://ntfy.example/...", config.Alerts.Url!.ToString());
    }

    [Theory]
    [InlineData("""{ "alerts": { "url": "ftp://x" } }""", "'alerts.url'")]
    [InlineData("""{ "alerts": { "url": "env:EDGEROUTER_TEST_UNSET_ALERT_URL" } }""", "env:EDGEROUTER_TEST_UNSET_ALERT_URL")]
    [InlineData("""{ "alerts": { "queueLength": 0 } }""", "'alerts.queueLength' is 0")]
    [InlineData("""{ "alerts": { "timeoutSeconds": 0 } }""", "'alerts.timeoutSeconds' is 0 s")]
    [InlineData("""{ "alerts": { "minimumSeverity": "loud" } }""", "'alerts.minimumSeverity'")]
    [InlineData("""{ "alerts": { "sound": true } }""", "alerts.sound")]
    [InlineData("""{ "admin": { "tokenSha256": "plain-token" } }""", "'admin.tokenSha256' must be 64 hex digits")]
    public void Sections_Invalid_NameTheKey(string json, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Load(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Gate_SignalsSaturationOnTheFirstRefusalAndRecoveryOnTheNextFreeGrant()
    {
        using var gate = new InferenceGate(new GateOptions { QueueLength = 0 }, TestClock.Fake());
        var signals = new List<bool>();
        gate.SaturationChanged += signals.Add;

        var holder = await gate.AcquireAsync(8, CancellationToken.None);
        Assert.False((await gate.AcquireAsync(8, CancellationToken.None)).Acquired);
        Assert.False((await gate.AcquireAsync(8, CancellationToken.None)).Acquired);
        holder.Lease!.Dispose();
        var next = await gate.AcquireAsync(8, CancellationToken.None);
        next.Lease!.Dispose();

        Assert.Equal([true, false], signals);
    }
}
