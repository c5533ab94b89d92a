using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Host.Check;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;

namespace EdgeRouter.Host.Cli;

/// <summary>
/// The whole program behind Main: parse, dispatch, and turn every expected failure into one line on stderr and an
/// exit code (0 ok, 1 runtime failure, 2 usage or configuration, 130 interrupted; `check` has its own, see
/// <see cref="CheckReport"/>). No stack traces for operator mistakes.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr,
        HostOverrides? overrides = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        overrides ??= HostOverrides.None;
        try
        {
            switch (CommandLineParser.Parse(args))
            {
                case CliCommand.Help:
                    stdout.Write(UsageText.Build());
                    return ExitCodes.Ok;
                case CliCommand.Version:
                    stdout.WriteLine($"edgerouter {AppVersion.Current}");
                    return ExitCodes.Ok;
                case CliCommand.GenerateModel generate:
                    return ModelCommands.Generate(generate, stdout, isTerminal: !Console.IsOutputRedirected, cancellationToken);
                case CliCommand.ValidateModel validate:
                    return ModelCommands.Validate(validate, stdout, stderr);
                case CliCommand.Status status:
                    return await StatusCommand.RunAsync(status, overrides, stdout, stderr, cancellationToken).ConfigureAwait(false);
                case CliCommand.NewKey newKey:
                    return KeyCommands.New(newKey, stdout);
                case CliCommand.Serve serve:
                    return await ServeAsync(serve, overrides, cancellationToken).ConfigureAwait(false);
                case CliCommand.RunChecks check:
                    return await CheckAsync(check, overrides, stdout, cancellationToken).ConfigureAwait(false);
                default:
                    throw new UsageException("unknown command");
            }
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"edgerouter: {ex.Message}");
            stderr.WriteLine("Run 'edgerouter --help' for usage.");
            return args is ["check", ..] ? ExitCodes.CheckUsage : ExitCodes.UsageOrConfig;
        }
        catch (ConfigException ex)
        {
            // Several problems come one per line; each gets the prefix so every line stands alone in the journal.
            foreach (var line in ex.Message.Split('\n'))
            {
                stderr.WriteLine($"edgerouter: {line}");
            }
            return args is ["check", ..] ? ExitCodes.CheckUsage : ExitCodes.UsageOrConfig;
        }
        catch (StartupException ex)
        {
            stderr.WriteLine($"edgerouter: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("edgerouter: interrupted");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"edgerouter: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> CheckAsync(CliCommand.RunChecks check, HostOverrides overrides, TextWriter stdout, CancellationToken cancellationToken)
    {
        var report = await CheckCommand.RunAsync(RouterHost.SourcesFor(check.Flags, overrides), check.Probe, new CredentialResolver(),
            overrides.Time ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
        if (check.Json)
        {
            CheckOutput.WriteJson(report, stdout);
        }
        else
        {
            CheckOutput.WriteText(report, stdout);
        }
        return report.ExitCode;
    }

    private static async Task<int> ServeAsync(CliCommand.Serve serve, HostOverrides overrides, CancellationToken cancellationToken)
    {
        var config = ConfigLoader.Load(RouterHost.SourcesFor(serve.Flags, overrides));
        await using var router = await RouterHost.StartAsync(config, overrides, cancellationToken).ConfigureAwait(false);
        // Stops the listener (in-flight requests get the host's shutdown timeout), then the local generation's drain,
        // abort and the persist hook: all before the host and its loggers are disposed.
        await router.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        await router.FinishStopAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
