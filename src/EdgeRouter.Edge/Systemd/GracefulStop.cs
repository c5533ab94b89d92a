using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Edge.Systemd;

/// <summary>
/// The end of a stop, after the listener stopped accepting: give the running generation
/// <see cref="GracefulStopOptions.DrainTimeout"/> to finish, else abort it and wait up to
/// <see cref="GracefulStopOptions.AbortGrace"/> for the native decode to return, then persist state. All waiting goes
/// through the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class GracefulStop
{
    private readonly GracefulStopOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public GracefulStop(GracefulStopOptions options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <param name="isIdle">True when no generation runs (e.g. <c>() =&gt; gate.Snapshot().Running == 0</c>).</param>
    /// <param name="abortRunning">Cancels whatever runs (e.g. cancels the shutdown token linked into every run).</param>
    public async Task<StopOutcome> DrainAsync(Func<bool> isIdle, Action abortRunning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isIdle);
        ArgumentNullException.ThrowIfNull(abortRunning);
        if (isIdle())
        {
            return StopOutcome.Idle;
        }
        LogDraining(_logger, _options.DrainTimeout.TotalSeconds);
        if (await WaitIdleAsync(isIdle, _options.DrainTimeout, cancellationToken).ConfigureAwait(false))
        {
            return StopOutcome.Drained;
        }
        LogAborting(_logger);
        abortRunning();
        if (await WaitIdleAsync(isIdle, _options.AbortGrace, cancellationToken).ConfigureAwait(false))
        {
            return StopOutcome.Aborted;
        }
        LogAbortTimedOut(_logger, _options.AbortGrace.TotalSeconds);
        return StopOutcome.AbortTimedOut;
    }

    /// <summary>Drains (see <see cref="DrainAsync"/>), then persists; a persist failure is reported, not thrown.</summary>
    public async Task<StopReport> RunAsync(Func<bool> isIdle, Action abortRunning, Func<CancellationToken, Task>? persistState,
        CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var outcome = await DrainAsync(isIdle, abortRunning, cancellationToken).ConfigureAwait(false);
        string? persistError = null;
        if (persistState is not null)
        {
            try
            {
                await persistState(cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Reported to the caller; the process still exits in order.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                persistError = ex.Message;
                LogPersistFailed(_logger, ex);
            }
        }
        var elapsed = _time.GetElapsedTime(started);
        LogStopped(_logger, outcome, elapsed.TotalSeconds, persistError is null);
        return new StopReport(outcome, elapsed, persistError);
    }

    private async Task<bool> WaitIdleAsync(Func<bool> isIdle, TimeSpan budget, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        while (!isIdle())
        {
            var left = budget - _time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }
            await Task.Delay(left < _options.PollInterval ? left : _options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    [LoggerMessage(EventId = 640, Level = LogLevel.Information, Message = "Stopping: waiting up to {Seconds:0.#} s for the running generation to finish")]
    private static partial void LogDraining(ILogger logger, double seconds);

    [LoggerMessage(EventId = 641, Level = LogLevel.Warning, Message = "Stopping: the running generation did not finish in time; aborting it")]
    private static partial void LogAborting(ILogger logger);

    [LoggerMessage(EventId = 642, Level = LogLevel.Error, Message = "Stopping: the aborted generation still runs after {Seconds:0.#} s; exiting anyway")]
    private static partial void LogAbortTimedOut(ILogger logger, double seconds);

    [LoggerMessage(EventId = 643, Level = LogLevel.Error, Message = "Stopping: could not persist state")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 644, Level = LogLevel.Information, Message = "Stopped: {Outcome} after {Seconds:0.0} s, state persisted: {Persisted}")]
    private static partial void LogStopped(ILogger logger, StopOutcome outcome, double seconds, bool persisted);
}
