using EdgeRouter.Host.Config;
using EdgeRouter.Host.Cli;

namespace EdgeRouter.Tests.Host.Config;

/// <summary>embedding.path flows like model.path: file, then EDGEROUTER_EMBEDDING_MODEL, then --embedding-model.</summary>
public sealed class EmbeddingConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private RouterConfig Load(string? json = null, Dictionary<string, string>? environment = null, params string[] args)
    {
        var flags = args.Length == 0 ? ConfigFlags.None : ((CliCommand.Serve)CommandLineParser.Parse(args)).Flags;
        string? file = null;
        if (json is not null)
        {
            file = Path.Join(_directory, "config.json");
            File.WriteAllText(file, json);
        }

        return ConfigLoader.Load(new ConfigSources
        {
            CommandLine = flags with { ConfigPath = file },
            Environment = name => environment?.GetValueOrDefault(name),
            SearchPaths = [],
            WorkingDirectory = _directory,
        });
    }

    [Fact]
    public void Defaults_NoEmbeddingModel_QueueOfFour()
    {
        var config = Load();

        Assert.Null(config.Embedding.Path);
        Assert.Null(config.Embedding.Name);
        Assert.Equal(4, config.Embedding.QueueLength);
    }

    [Fact]
    public void File_RelativePathResolvesNextToTheFile()
    {
        var config = Load("""{ "embedding": { "path": "models/bge.gguf", "name": "bge", "queueLength": 1 } }""");

        Assert.Equal(Path.Join(_directory, "models", "bge.gguf"), config.Embedding.Path);
        Assert.Equal("bge", config.Embedding.Name);
        Assert.Equal(1, config.Embedding.QueueLength);
    }

    [Fact]
    public void EnvironmentBeatsFile_FlagBeatsEnvironment()
    {
        var json = """{ "embedding": { "path": "/models/file.gguf" } }""";
        var environment = new Dictionary<string, string>
        {
            ["EDGEROUTER_EMBEDDING_MODEL"] = "/models/env.gguf",
            ["EDGEROUTER_EMBEDDING_MODEL_NAME"] = "env-name",
            ["EDGEROUTER_EMBEDDING_QUEUE_LENGTH"] = "0",
        };

        var fromEnvironment = Load(json, environment);
        var fromFlag = Load(json, environment, "--embedding-model", "/models/flag.gguf", "--embedding-model-name", "flag-name");

        Assert.Equal("/models/env.gguf", fromEnvironment.Embedding.Path);
        Assert.Equal("env-name", fromEnvironment.Embedding.Name);
        Assert.Equal(0, fromEnvironment.Embedding.QueueLength);
        Assert.Equal("/models/flag.gguf", fromFlag.Embedding.Path);
        Assert.Equal("flag-name", fromFlag.Embedding.Name);
    }

    [Fact]
    public void QueueLengthOutOfRange_NamesTheKey()
    {
        var error = Assert.Throws<ConfigException>(() => Load("""{ "embedding": { "queueLength": 1000 } }"""));

        Assert.Contains("'embedding.queueLength' is 1000", error.Message);
    }
}
