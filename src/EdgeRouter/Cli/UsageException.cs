namespace EdgeRouter.Host.Cli;

/// <summary>The command line is wrong (unknown flag, missing value); shown with a hint to --help, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
