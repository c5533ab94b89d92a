using EdgeRouter.Host.Config;

namespace EdgeRouter.Tests.Host.Config;

/// <summary>The thermal, telemetry and memory guard keys: file and environment layers, defaults, and messages that name the key.</summary>
public sealed class EdgeConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-edge-config-").FullName;

    [Fact]
    public void Defaults_DeriveThresholdsAndReadTheRealRoot()
    {
        var config = ConfigLoader.Load(Sources());

        Assert.Null(config.Thermal.WarmCelsius);
        Assert.Null(config.Thermal.HotCelsius);
        Assert.Equal(5, config.Thermal.HysteresisCelsius);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Thermal.HotRetryAfter);
        Assert.Null(config.Thermal.ZoneType);
        Assert.Equal(TimeSpan.FromSeconds(2), config.Telemetry.Interval);
        Assert.Equal("/", config.Telemetry.Root);
        Assert.Equal(256, config.MemoryGuard.MarginMiB);
    }

    [Fact]
    public void File_SetsEveryKey_RootRelativeToTheFile()
    {
        var file = Write("""
            {
              "thermal": { "warmCelsius": 60, "hotCelsius": 70.5, "hysteresisCelsius": 3, "hotRetryAfterSeconds": 12, "zoneType": "soc-thermal" },
              "telemetry": { "intervalSeconds": 0.5, "root": "fixture" },
              "memoryGuard": { "marginMiB": 128 }
            }
            """);

        var config = ConfigLoader.Load(Sources(file));

        Assert.Equal(60, config.Thermal.WarmCelsius);
        Assert.Equal(70.5, config.Thermal.HotCelsius);
        Assert.Equal(3, config.Thermal.HysteresisCelsius);
        Assert.Equal(TimeSpan.FromSeconds(12), config.Thermal.HotRetryAfter);
        Assert.Equal("soc-thermal", config.Thermal.ZoneType);
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.Telemetry.Interval);
        Assert.Equal(Path.Join(_directory, "fixture"), config.Telemetry.Root);
        Assert.Equal(128, config.MemoryGuard.MarginMiB);
    }

    [Fact]
    public void Environment_OverridesTheFile()
    {
        var file = Write("""{ "thermal": { "hotCelsius": 70 }, "memoryGuard": { "marginMiB": 128 } }""");

        var config = ConfigLoader.Load(Sources(file, new()
        {
            ["EDGEROUTER_THERMAL_HOT"] = "72.5",
            ["EDGEROUTER_MEMORY_MARGIN_MIB"] = "64",
            ["EDGEROUTER_TELEMETRY_ROOT"] = "/srv/sysfs",
            ["EDGEROUTER_THERMAL_HOT_RETRY_AFTER"] = "20s",
        }));

        Assert.Equal(72.5, config.Thermal.HotCelsius);
        Assert.Equal(64, config.MemoryGuard.MarginMiB);
        Assert.Equal("/srv/sysfs", config.Telemetry.Root);
        Assert.Equal(TimeSpan.FromSeconds(20), config.Thermal.HotRetryAfter);
    }

    [Theory]
    [InlineData("""{ "thermal": { "hotCelsius": 200 } }""", "'thermal.hotCelsius' is 200 °C; it must be from 20 to 150 °C")]
    [InlineData("""{ "thermal": { "hysteresisCelsius": -1 } }""", "'thermal.hysteresisCelsius' is -1 °C")]
    [InlineData("""{ "thermal": { "hotRetryAfterSeconds": 0 } }""", "'thermal.hotRetryAfterSeconds' is 0 s; it must be from 1 to 3600 s")]
    [InlineData("""{ "thermal": { "zoneType": " " } }""", "'thermal.zoneType' must not be empty")]
    [InlineData("""{ "telemetry": { "intervalSeconds": 0.01 } }""", "'telemetry.intervalSeconds' is 0.01 s")]
    [InlineData("""{ "memoryGuard": { "marginMiB": -1 } }""", "'memoryGuard.marginMiB' is -1")]
    [InlineData("""{ "thermal": { "warmCelsius": 80, "hotCelsius": 70 } }""", "'thermal.warmCelsius' (80 °C) must be below 'thermal.hotCelsius' (70 °C)")]
    [InlineData("""{ "thermal": { "hotCelsus": 70 } }""", "unknown key 'thermal.hotCelsus'")]
    public void InvalidValues_NameTheKey(string json, string message)
    {
        var file = Write(json);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(file)));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void InvalidEnvironmentValue_NamesTheVariable()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(environment: new() { ["EDGEROUTER_THERMAL_WARM"] = "warm" })));

        Assert.Equal("EDGEROUTER_THERMAL_WARM: 'warm' is not a number", error.Message);
    }

    [Fact]
    public void DeployedConfig_StillLoads()
    {
        var config = ConfigLoader.Load(Sources(Path.Join(RepoRoot(), "deploy", "config.json")));

        Assert.Null(config.Model.ContextLength);
    }

    private string Write(string json)
    {
        var path = Path.Join(_directory, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    private ConfigSources Sources(string? file = null, Dictionary<string, string>? environment = null) => new()
    {
        CommandLine = ConfigFlags.None with { ConfigPath = file },
        Environment = name => environment?.GetValueOrDefault(name),
        SearchPaths = [],
        WorkingDirectory = _directory,
    };

    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        for (var dir = Path.GetDirectoryName(thisFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Join(dir, "EdgeRouter.sln")))
            {
                return dir;
            }
        }
        throw new DirectoryNotFoundException("repository root not found above " + thisFile);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
