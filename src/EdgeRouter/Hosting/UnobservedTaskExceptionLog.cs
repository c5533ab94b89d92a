using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// A faulted task that nobody awaited is reported only when the GC finalizes it, through
/// <see cref="TaskScheduler.UnobservedTaskException"/>; with no handler the failure vanishes without a trace. This puts
/// it in the log (event id 830) while the host runs, so a soak or an operator can see that such a bug exists.
/// </summary>
internal sealed partial class UnobservedTaskExceptionLog(ILogger<UnobservedTaskExceptionLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        TaskScheduler.UnobservedTaskException -= OnUnobserved;
        return Task.CompletedTask;
    }

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        Unobserved(logger, e.Exception);
        e.SetObserved();
    }

    [LoggerMessage(EventId = 830, Level = LogLevel.Error, Message = "Unobserved task exception: a faulted task was never awaited")]
    private static partial void Unobserved(ILogger logger, Exception exception);
}
