using EdgeRouter.Host.Config;

namespace EdgeRouter.Host.Cli;

/// <summary>What the command line asked for.</summary>
public abstract record CliCommand
{
    private CliCommand() { }

    public sealed record Help : CliCommand;

    public sealed record Version : CliCommand;

    public sealed record Serve(ConfigOverrides Flags) : CliCommand;

    public sealed record GenerateModel(string Shape, string Type, ulong Seed, string OutputPath) : CliCommand;

    public sealed record ValidateModel(string Path) : CliCommand;

    public sealed record NewKey(string Name) : CliCommand;
}
