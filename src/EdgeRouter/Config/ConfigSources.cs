namespace EdgeRouter.Host.Config;

/// <summary>Where <see cref="ConfigLoader"/> looks: injectable so tests never read the machine's real config.</summary>
public sealed record ConfigSources
{
    /// <summary>Flags from the command line (the top layer).</summary>
    public ConfigFlags CommandLine { get; init; } = ConfigFlags.None;

    /// <summary>Reads an environment variable. <value>The default value reads the process environment.</value></summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Files tried in order when neither --config nor EDGEROUTER_CONFIG names one.</summary>
    public IReadOnlyList<string> SearchPaths { get; init; } = DefaultSearchPaths;

    /// <summary>Resolves relative paths given on the command line or in the environment.</summary>
    public string WorkingDirectory { get; init; } = System.Environment.CurrentDirectory;

    /// <summary>config.json next to the binary, then /etc/edgerouter/config.json.</summary>
    public static IReadOnlyList<string> DefaultSearchPaths { get; } =
        [Path.Combine(AppContext.BaseDirectory, "config.json"), "/etc/edgerouter/config.json"];

    /// <summary>No file, no environment: built-in defaults plus <paramref name="commandLine"/> only.</summary>
    public static ConfigSources Isolated(ConfigFlags commandLine) =>
        new() { CommandLine = commandLine, Environment = static _ => null, SearchPaths = [] };
}
