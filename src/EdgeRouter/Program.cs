using EdgeRouter.Host.Cli;

// Ctrl+C cancels offline commands (model generate) cleanly; `serve` also stops through the host's own signal handling.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, cancellationToken: cancellation.Token);
