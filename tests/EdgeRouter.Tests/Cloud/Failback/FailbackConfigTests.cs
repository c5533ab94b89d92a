using System.Text;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;

namespace EdgeRouter.Tests.Cloud.Failback;

public sealed class FailbackConfigTests
{
    private static readonly CredentialResolver Credentials = new(name => name == "KEY" ? "sk-test" : null, _ => null);

    private static CloudConfigReadResult Read(string json) => CloudConfigReader.Read(Encoding.UTF8.GetBytes(json), "cloud.");

    [Fact]
    public void Read_FailbackSection_AndAPerUpstreamProbe()
    {
        var result = Read("""
            {
              "upstreams": { "mini": { "baseUrl": "https://api.example.com/v1", "model": "m", "credential": "env:KEY", "probe": "request" } },
              "failback": {
                "successesToRecover": 5, "probe": "models", "probeMaxTokens": 32, "probeTimeoutSeconds": 4,
                "probeIntervalSeconds": 15, "maxProbeIntervalSeconds": 120, "flapWindowSeconds": 900,
                "flapMaxTransitions": 6, "flapHoldSeconds": 30, "maxFlapHoldSeconds": 600
              }
            }
            """);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var f = result.Config!.Failback;
        Assert.Equal(5, f.SuccessesToRecover);
        Assert.Equal(ProbeKind.Models, f.Probe);
        Assert.Equal(32, f.ProbeMaxTokens);
        Assert.Equal(TimeSpan.FromSeconds(4), f.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), f.ProbeInterval);
        Assert.Equal(TimeSpan.FromSeconds(120), f.MaxProbeInterval);
        Assert.Equal(TimeSpan.FromSeconds(900), f.FlapWindow);
        Assert.Equal(6, f.FlapMaxTransitions);
        Assert.Equal(TimeSpan.FromSeconds(30), f.FlapHold);
        Assert.Equal(TimeSpan.FromSeconds(600), f.MaxFlapHold);
        Assert.Equal(ProbeKind.Request, result.Config.Upstreams[0].Probe);
        Assert.Empty(CloudConfigValidator.Validate(result.Config, Credentials, "cloud."));
    }

    [Fact]
    public void Read_NoFailbackSection_Defaults()
    {
        var result = Read("""{ "routes": { "auto": { "chain": ["local"] } } }""");

        Assert.True(result.Succeeded);
        Assert.Equal(new FailbackConfig(), result.Config!.Failback);
        Assert.Equal(3, result.Config.Failback.SuccessesToRecover);
        Assert.Equal(16, result.Config.Failback.ProbeMaxTokens);
        // The safe default: probes ask what traffic asks; the light /models probe is an explicit opt-in.
        Assert.Equal(ProbeKind.Request, result.Config.Failback.Probe);
        Assert.Equal(new SlowStartConfig(), result.Config.SlowStart);
        Assert.Equal(1, result.Config.SlowStart.MaxInFlight);
        Assert.Equal(TimeSpan.FromSeconds(60), result.Config.SlowStart.Idle);
    }

    [Fact]
    public void Read_SlowStartSection_AndValidateItsRange()
    {
        var result = Read("""{ "slowStart": { "maxInFlight": 2, "idleSeconds": 120 } }""");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(new SlowStartConfig { MaxInFlight = 2, Idle = TimeSpan.FromSeconds(120) }, result.Config!.SlowStart);
        Assert.Equal(0, Read("""{ "slowStart": { "maxInFlight": 0 } }""").Config!.SlowStart.MaxInFlight);

        var errors = CloudConfigValidator.Validate(new CloudConfig { SlowStart = new SlowStartConfig { MaxInFlight = -1, Idle = TimeSpan.Zero } },
            Credentials, "cloud.");
        Assert.Contains(errors, e => e.Path == "cloud.slowStart.maxInFlight");
        Assert.Contains(errors, e => e.Path == "cloud.slowStart.idleSeconds");
    }

    [Fact]
    public void Read_UnknownProbeKindOrKey_IsAPathNamedError()
    {
        var kind = Read("""{ "failback": { "probe": "ping" } }""");
        var key = Read("""{ "failback": { "probes": 3 } }""");

        var error = Assert.Single(kind.Errors);
        Assert.Equal("cloud.failback.probe", error.Path);
        Assert.Contains("'ping'", error.Message);
        Assert.StartsWith("cloud.failback", Assert.Single(key.Errors).Path);
    }

    [Fact]
    public void Validate_OutOfRangeValues_AreNamedByPath()
    {
        var config = new CloudConfig
        {
            Failback = new FailbackConfig
            {
                SuccessesToRecover = 0,
                ProbeMaxTokens = 0,
                ProbeTimeout = TimeSpan.Zero,
                ProbeInterval = TimeSpan.FromSeconds(20),
                MaxProbeInterval = TimeSpan.FromSeconds(10),
                FlapMaxTransitions = 1,
                FlapHold = TimeSpan.FromSeconds(60),
                MaxFlapHold = TimeSpan.FromSeconds(30),
            },
        };

        var paths = CloudConfigValidator.Validate(config, Credentials, "cloud.").Select(e => e.Path).ToList();

        Assert.Equal(
        [
            "cloud.failback.successesToRecover", "cloud.failback.probeMaxTokens", "cloud.failback.probeTimeoutSeconds",
            "cloud.failback.maxProbeIntervalSeconds", "cloud.failback.flapMaxTransitions", "cloud.failback.maxFlapHoldSeconds",
        ], paths);
    }
}
