using EdgeRouter.Host.Cli;
using EdgeRouter.Host.Config;

namespace EdgeRouter.Tests.Host.Config;

/// <summary>Where the state file lives: $STATE_DIRECTORY, else the stateDirectory key / flag / variable, else XDG, else home.</summary>
public sealed class StateDirectoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-statedir-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void StateDirectory_PrefersSystemdThenConfiguredThenXdgThenHome()
    {
        string? Environment(string name) => name switch
        {
            "STATE_DIRECTORY" => "/var/lib/edgerouter:/var/lib/other",
            "XDG_STATE_HOME" => "/xdg",
            "HOME" => "/home/u",
            _ => null,
        };

        Assert.Equal("/var/lib/edgerouter", DataDirectories.StateDirectory(Environment, "/srv/state"));
        Assert.Equal("/srv/state", DataDirectories.StateDirectory(n => n == "STATE_DIRECTORY" ? null : Environment(n), "/srv/state"));
        Assert.Equal("/xdg/edgerouter", DataDirectories.StateDirectory(n => n == "STATE_DIRECTORY" ? null : Environment(n), null));
        Assert.Equal("/home/u/.local/state/edgerouter", DataDirectories.StateDirectory(n => n switch
        {
            "XDG_STATE_HOME" => "relative/ignored",
            "HOME" => "/home/u",
            _ => null,
        }, null));
    }

    [Fact]
    public void ConfigLoader_ReadsTheKeyTheVariableAndTheFlag_FlagsWinning()
    {
        var file = Path.Join(_directory, "config.json");
        File.WriteAllText(file, """{ "stateDirectory": "state" }""");
        ConfigSources Sources(Dictionary<string, string> environment, ConfigFlags flags) => new()
        {
            CommandLine = flags with { ConfigPath = file },
            Environment = environment.GetValueOrDefault,
            SearchPaths = [],
            WorkingDirectory = "/work",
        };

        Assert.Equal(Path.Join(_directory, "state"), ConfigLoader.Load(Sources([], ConfigFlags.None)).StateDirectory);
        Assert.Equal("/work/env-state", ConfigLoader.Load(Sources(new() { ["EDGEROUTER_STATE_DIR"] = "env-state" }, ConfigFlags.None)).StateDirectory);
        var flags = (CliCommand.Serve)CommandLineParser.Parse(["--state-dir", "/flag/state"]);
        Assert.Equal("/flag/state", ConfigLoader.Load(Sources(new() { ["EDGEROUTER_STATE_DIR"] = "env-state" }, flags.Flags)).StateDirectory);
        Assert.Null(ConfigLoader.Load(ConfigSources.Isolated(ConfigFlags.None)).StateDirectory);
    }

    [Fact]
    public void ConfigLoader_EmptyStateDirectory_IsAnErrorNamingTheKey()
    {
        var file = Path.Join(_directory, "config.json");
        File.WriteAllText(file, """{ "stateDirectory": " " }""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(ConfigSources.Isolated(new ConfigFlags { ConfigPath = file })));

        Assert.Equal($"{file}: 'stateDirectory' must not be empty", error.Message);
    }
}
