using System.Text;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Tests.Cloud.Config;

public sealed class CloudConfigReaderTests
{
    private const string Example = """
        {
          // comments and trailing commas are fine
          "upstreams": {
            "openai-mini": {
              "baseUrl": "https://api.openai.com/v1",
              "model": "gpt-4o-mini",
              "credential": "systemd:openai",
              "contextWindow": 128000,
              "timeouts": { "firstTokenSeconds": 15, "idleSeconds": 20 },
              "limits": { "requestsPerMinute": 60, "tokensPerMinute": 150000, "maxConcurrency": 2 },
            },
            "openai-big": {
              "baseUrl": "https://api.openai.com/v1/",
              "model": "gpt-4o",
              "credential": "systemd:openai",
              "failureDomain": "openai-account",
              "paid": true
            }
          },
          "routes": {
            "fast": { "chain": ["local", "openai-mini"] },
            "smart": { "chain": ["openai-big", "fast"], "aliases": ["gpt-4o"], "onContextOverflow": "truncate", "allowBackground": true }
          },
          "cooldowns": { "throttleSeconds": 20, "maxThrottleSeconds": 120, "credentialDisableSeconds": 1800 },
          "breaker": { "failureRatio": 0.6, "minimumThroughput": 4, "samplingSeconds": 60, "breakSeconds": 15 },
          "retryBudget": { "ratio": 0.2, "windowSeconds": 30, "minRetries": 1 },
          "backoff": { "baseMilliseconds": 50, "maxMilliseconds": 500 },
          "requestDeadlineSeconds": 45
        }
        """;

    [Fact]
    public void Read_FullExample()
    {
        var result = CloudConfigReader.Read(Encoding.UTF8.GetBytes(Example));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var config = result.Config!;
        var mini = config.Upstreams[0];
        Assert.Equal("openai-mini", mini.Name);
        Assert.Equal("https://api.openai.com/v1/", mini.BaseUrl.AbsoluteUri);
        Assert.Equal(TimeSpan.FromSeconds(15), mini.Timeouts.FirstToken);
        Assert.Equal(TimeSpan.FromSeconds(300), mini.Timeouts.Total);
        Assert.Equal(60, mini.Limits.RequestsPerMinute);
        Assert.Equal("systemd:openai", mini.EffectiveFailureDomain);
        Assert.Equal("openai-account", config.Upstreams[1].EffectiveFailureDomain);
        var smart = config.Routes[1];
        Assert.Equal(["openai-big", "fast"], smart.Chain);
        Assert.Equal(ContextOverflowPolicy.TruncateOldest, smart.OnContextOverflow);
        Assert.True(smart.AllowBackground);
        Assert.Equal(TimeSpan.FromSeconds(20), config.Cooldowns.Throttle);
        Assert.Equal(0.6, config.Breaker.FailureRatio);
        Assert.Equal(TimeSpan.FromSeconds(30), config.RetryBudget.Window);
        Assert.Equal(TimeSpan.FromMilliseconds(50), config.Backoff.Base);
        Assert.Equal(TimeSpan.FromSeconds(45), config.RequestDeadline);
    }

    [Fact]
    public void Read_UnknownKey_NamesItsPath()
    {
        var result = CloudConfigReader.Read("""{"upstreams":{"a":{"baseUrl":"https://x/v1","model":"m","credential":"none","contextLenght":5}}}"""u8, "cloud.");

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("cloud.upstreams.a", error.Path);
        Assert.Contains("contextLenght", error.Message);
    }

    [Fact]
    public void Read_MissingRequiredFields_AreReported()
    {
        var result = CloudConfigReader.Read("""{"upstreams":{"a":{"baseUrl":"https://x/v1"}},"routes":{"r":{}}}"""u8);

        var paths = result.Errors.Select(e => e.Path).ToList();
        Assert.Contains("upstreams.a.model", paths);
        Assert.Contains("upstreams.a.credential", paths);
        Assert.Contains("routes.r.chain", paths);
    }

    [Fact]
    public void Read_BadPolicy_IsReported()
    {
        var result = CloudConfigReader.Read("""{"routes":{"r":{"chain":["local"],"onContextOverflow":"summarize"}}}"""u8);
        Assert.Equal("routes.r.onContextOverflow", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_Null_IsEmptyConfig()
    {
        var result = CloudConfigReader.Read("null"u8);
        Assert.True(result.Succeeded);
        Assert.Empty(result.Config!.Upstreams);
    }
}
