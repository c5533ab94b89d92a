using EdgeRouter.Host.Config;
using Xunit;

namespace EdgeRouter.Tests.Host.Config;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteConfig(string json, string name = "config.json")
    {
        var path = Path.Join(_directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    private ConfigSources Sources(string? file = null, Dictionary<string, string>? environment = null, ConfigFlags? flags = null) => new()
    {
        CommandLine = (flags ?? ConfigFlags.None) with { ConfigPath = file ?? flags?.ConfigPath },
        Environment = name => environment?.GetValueOrDefault(name),
        SearchPaths = [],
        WorkingDirectory = _directory,
    };

    [Fact]
    public void Load_NothingConfigured_GivesDefaults()
    {
        var config = ConfigLoader.Load(Sources());

        Assert.Equal(new ListenEndpoint("127.0.0.1", 11434), config.Listen);
        Assert.Null(config.Model.Path);
        Assert.Null(config.Model.ContextLength);
        Assert.Equal(2, config.Gate.QueueLength);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Gate.MaxWait);
        Assert.Null(config.SourceFile);
    }

    [Fact]
    public void Load_FullFile_ReadsEveryKey()
    {
        var file = WriteConfig("""
            {
              // comments and trailing commas are fine
              "listen": "0.0.0.0:8080",
              "model": {
                "path": "models/qwen.gguf",
                "name": "qwen",
                "contextLength": 4096,
                "threads": 4,
                "batchSize": 256,
                "libraryPath": "/opt/llama/libllama.so",
                "libraryDirectory": "/opt/llama",
              },
              "gate": { "queueLength": 3, "maxWaitSeconds": 2.5 }
            }
            """);

        var config = ConfigLoader.Load(Sources(file));

        Assert.Equal(file, config.SourceFile);
        Assert.Equal(new ListenEndpoint("0.0.0.0", 8080), config.Listen);
        Assert.Equal(Path.Join(_directory, "models", "qwen.gguf"), config.Model.Path);
        Assert.Equal("qwen", config.Model.Name);
        Assert.Equal(4096, config.Model.ContextLength);
        Assert.Equal(4, config.Model.Threads);
        Assert.Equal(256, config.Model.BatchSize);
        Assert.Equal("/opt/llama/libllama.so", config.Model.LibraryPath);
        Assert.Equal("/opt/llama", config.Model.LibraryDirectory);
        Assert.Equal(3, config.Gate.QueueLength);
        Assert.Equal(TimeSpan.FromSeconds(2.5), config.Gate.MaxWait);
    }

    [Theory]
    [InlineData("""{"model":{"ctx":4096}}""", "model.ctx")]
    [InlineData("""{"listen":"127.0.0.1:1","extra":true}""", "extra")]
    [InlineData("""{"gate":{"queueLength":1,"maxWait":3}}""", "gate.maxWait")]
    public void Load_UnknownKey_IsRejectedWithItsPath(string json, string path)
    {
        var file = WriteConfig(json);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(file)));

        Assert.Contains($"unknown key '{path}'", error.Message);
        Assert.Contains(file, error.Message);
    }

    [Theory]
    [InlineData("""{"model":{"threads":"four"}}""", "'model.threads': 'four' is not an integer")]
    [InlineData("""{"model":"m.gguf"}""", "'model' must be an object with the keys model.path, model.name")]
    [InlineData("""{"listen":8080}""", "'listen' is '8080', not a valid listen address")]
    [InlineData("""{"model":{"kvCacheType":"q5"}}""", "'model.kvCacheType' is 'q5'; expected one of f16, q8_0, q4_0")]
    [InlineData("""{"cors":{"origins":"https://a.example"}}""", "'cors.origins' must be a list")]
    public void Load_WrongType_IsRejectedWithPathAndExpectation(string json, string expectation)
    {
        var file = WriteConfig(json);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(file)));

        Assert.Contains($"{file}: {expectation}", error.Message);
    }

    [Fact]
    public void Load_EveryMistake_IsNamedAtOnce()
    {
        var file = WriteConfig("""{"model":{"threads":"four","ctx":1},"gate":{"queueLength":-1},"thermal":{"hotCelsius":500}}""");
        var environment = new Dictionary<string, string> { ["EDGEROUTER_BATCH"] = "big" };

        var lines = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(file, environment))).Message.Split('\n');

        Assert.Contains(lines, l => l.Contains("'model.threads': 'four' is not an integer", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("unknown key 'model.ctx'", StringComparison.Ordinal));
        Assert.Contains("EDGEROUTER_BATCH: 'big' is not an integer", lines);
    }

    [Fact]
    public void Load_RangeMistakes_AreNamedAtOnce()
    {
        var file = WriteConfig("""{"gate":{"queueLength":-1},"thermal":{"hotCelsius":500}}""");

        var lines = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(file, flags: ConfigFlags.None.With("--threads", "0")))).Message.Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.Contains($"{file}: 'gate.queueLength' is -1; it must be from 0 to 64", lines);
        Assert.Contains($"{file}: 'thermal.hotCelsius' is 500 °C; it must be from 20 to 150 °C", lines);
        Assert.Contains("--threads is 0; it must be from 1 to 512", lines);
    }

    [Fact]
    public void Load_NewSetting_WorksInEveryLayerWithoutAliases()
    {
        var file = WriteConfig("""{"model":{"gpuLayers":10}}""");

        Assert.Equal(10, ConfigLoader.Load(Sources(file)).Model.GpuLayers);
        Assert.Equal(0, ConfigLoader.Load(Sources(file, new() { ["EDGEROUTER_MODEL__GPULAYERS"] = "0" })).Model.GpuLayers);
        Assert.Equal(99, ConfigLoader.Load(Sources(file, flags: ConfigFlags.None.With("--model.gpuLayers", "99"))).Model.GpuLayers);
        Assert.Contains("'model.gpuLayers' is -1; it must be from 0 to 10000",
            Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(WriteConfig("""{"model":{"gpuLayers":-1}}""")))).Message);
    }

    [Fact]
    public void Load_AnySetting_TakesItsSectionKeyVariable()
    {
        var environment = new Dictionary<string, string> { ["EDGEROUTER_MODEL__THREADS"] = "3", ["EDGEROUTER_MEMORYGUARD__MARGINMIB"] = "64" };

        var config = ConfigLoader.Load(Sources(environment: environment));

        Assert.Equal(3, config.Model.Threads);
        Assert.Equal(64, config.MemoryGuard.MarginMiB);
    }

    [Theory]
    [InlineData("""{"model":{"threads":0}}""", "model.threads", "is 0; it must be from 1 to 512")]
    [InlineData("""{"model":{"contextLength":10}}""", "model.contextLength", "is 10")]
    [InlineData("""{"gate":{"queueLength":-1}}""", "gate.queueLength", "is -1")]
    [InlineData("""{"gate":{"maxWaitSeconds":9999}}""", "gate.maxWaitSeconds", "9999")]
    [InlineData("""{"listen":"localhost"}""", "listen", "not a valid listen address")]
    [InlineData("""{"listen":"10.0.0.1:99999"}""", "listen", "not a valid listen address")]
    [InlineData("""{"model":{"path":""}}""", "model.path", "must not be empty")]
    public void Load_OutOfRange_IsRejectedNamingTheKey(string json, string key, string fragment)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(WriteConfig(json))));

        Assert.Contains($"'{key}'", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Load_MalformedJson_NamesFileAndLine()
    {
        var file = WriteConfig("{\n  \"listen\": \"127.0.0.1:1\"\n  \"model\": {}\n}");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(file)));

        Assert.Contains(file, error.Message);
        Assert.Contains("not valid JSON at line 3", error.Message);
    }

    [Fact]
    public void Load_Layers_FileThenEnvironmentThenFlags()
    {
        var file = WriteConfig("""{"model":{"threads":2,"contextLength":1024},"listen":"127.0.0.1:1000"}""");
        var environment = new Dictionary<string, string> { ["EDGEROUTER_THREADS"] = "3", ["EDGEROUTER_LISTEN"] = "127.0.0.1:2000", ["EDGEROUTER_MODEL"] = "" };

        var withoutFlags = ConfigLoader.Load(Sources(file, environment));
        var withFlags = ConfigLoader.Load(Sources(file, environment, ConfigFlags.None.With("--threads", "4")));

        Assert.Equal(3, withoutFlags.Model.Threads);
        Assert.Equal(1024, withoutFlags.Model.ContextLength);
        Assert.Equal(2000, withoutFlags.Listen.Port);
        Assert.Null(withoutFlags.Model.Path);
        Assert.Equal(4, withFlags.Model.Threads);
    }

    [Fact]
    public void Load_EnvironmentValueNotANumber_NamesTheVariable()
    {
        var environment = new Dictionary<string, string> { ["EDGEROUTER_CTX"] = "big" };

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(environment: environment)));

        Assert.Equal("EDGEROUTER_CTX: 'big' is not an integer", error.Message);
    }

    [Fact]
    public void Load_FlagOutOfRange_NamesTheFlag()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(flags: ConfigFlags.None.With("--queue-length", "1000"))));

        Assert.StartsWith("--queue-length is 1000", error.Message);
    }

    [Fact]
    public void Load_ExplicitConfigMissing_IsAnError()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Sources(Path.Join(_directory, "nope.json"))));

        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Load_SearchPaths_FirstExistingFileWins()
    {
        var second = WriteConfig("""{"model":{"threads":6}}""", "second.json");
        var sources = Sources() with { SearchPaths = [Path.Join(_directory, "missing.json"), second] };

        var config = ConfigLoader.Load(sources);

        Assert.Equal(second, config.SourceFile);
        Assert.Equal(6, config.Model.Threads);
    }

    [Theory]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("localhost:11434", "localhost", 11434)]
    [InlineData("*:80", "*", 80)]
    public void ListenEndpoint_Parses(string text, string host, int port)
    {
        Assert.True(ListenEndpoint.TryParse(text, out var endpoint, out _));

        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(text, endpoint.ToString());
    }

    [Theory]
    [InlineData("11434")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("::1:80")]
    [InlineData("example.com:80")]
    [InlineData("localhost:0")]
    public void ListenEndpoint_RejectsBadAddresses(string text)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(ConfigSources.Isolated(ConfigFlags.None.With("--listen", text)!)));

        Assert.StartsWith($"--listen is '{text}', not a valid listen address (", error.Message);
    }

    [Fact]
    public void DataDirectories_PreferStateDirectoryThenXdgThenHome()
    {
        Assert.Equal("/var/lib/edgerouter/models", DataDirectories.ModelsDirectory(n => n == "STATE_DIRECTORY" ? "/var/lib/edgerouter:/other" : null));
        Assert.Equal("/xdg/edgerouter/models", DataDirectories.ModelsDirectory(n => n switch { "XDG_CACHE_HOME" => "/xdg", "HOME" => "/home/u", _ => null }));
        Assert.Equal("/home/u/.cache/edgerouter/models", DataDirectories.ModelsDirectory(n => n == "HOME" ? "/home/u" : null));
    }
}
