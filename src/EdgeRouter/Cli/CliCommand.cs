using EdgeRouter.Host.Config;

namespace EdgeRouter.Host.Cli;

/// <summary>What the command line asked for.</summary>
public abstract record CliCommand
{
    private CliCommand() { }

    public sealed record Help : CliCommand;

    public sealed record Version : CliCommand;

    public sealed record Serve(ConfigFlags Flags) : CliCommand;

    public sealed record GenerateModel(string Shape, string Type, ulong Seed, string OutputPath, string? ChatTemplatePath) : CliCommand;

    public sealed record ValidateModel(string Path) : CliCommand;

    /// <param name="Url">The running service's base URL; null means the configured listen address.</param>
    public sealed record Status(string? Url, bool Json, ConfigFlags Flags) : CliCommand;

    /// <summary>`check`: the start checks and more, without serving. <paramref name="Flags"/> are serve's flags.</summary>
    public sealed record RunChecks(ConfigFlags Flags, bool Probe, bool Json) : CliCommand;

    public sealed record NewKey(string Name) : CliCommand;
}
