using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Edge.Systemd;

/// <summary>
/// Feeds systemd's watchdog (WATCHDOG=1) every half <c>WATCHDOG_USEC</c>, but only when every
/// <see cref="LivenessCheck"/> passes: a hung request loop or a dead inference worker stops the pings, systemd
/// kills the process with SIGABRT and Restart=on-failure brings it back. Probes of one tick never overlap the next.
/// After <see cref="EnterStopping"/> the pings continue unconditionally, because the request loop is being shut
/// down on purpose and TimeoutStopSec= bounds the stop anyway.
/// </summary>
public sealed partial class WatchdogPinger : IDisposable
{
    private readonly SdNotify _notify;
    private readonly LivenessCheck[] _checks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _sync = new();
    private ITimer? _timer;
    private int _probing;
    private long _pings;
    private long _missed;
    private volatile string? _failing;
    private volatile bool _stopping;
    private bool _disposed;

    public WatchdogPinger(SdNotify notify, TimeSpan watchdogTimeout, IReadOnlyList<LivenessCheck> checks, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(notify);
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(watchdogTimeout, TimeSpan.FromMilliseconds(2));
        _notify = notify;
        _checks = [.. checks];
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        Interval = watchdogTimeout / 2;
    }

    /// <summary>Half the watchdog timeout, as sd_watchdog_enabled(3) recommends.</summary>
    public TimeSpan Interval { get; }

    public long PingCount => Interlocked.Read(ref _pings);

    /// <summary>Ticks that sent nothing because a check failed, timed out or the previous tick was still probing.</summary>
    public long MissedCount => Interlocked.Read(ref _missed);

    /// <summary>The check that failed last tick, or null when the last tick pinged.</summary>
    public string? FailingCheck => _failing;

    /// <summary>Checks and pings once now, then every <see cref="Interval"/>.</summary>
    public void Start()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_timer is not null)
            {
                return;
            }
            _timer = _time.CreateTimer(static s => _ = ((WatchdogPinger)s!).TickAsync(), this, Interval, Interval);
        }
        LogStarted(_logger, Interval.TotalSeconds, string.Join(", ", _checks.Select(static c => c.Name)));
        _ = TickAsync();
    }

    /// <summary>From now on ping without checking (the process is stopping on purpose).</summary>
    public void EnterStopping() => _stopping = true;

    /// <summary>One tick: probe, then ping if everything is alive. Public for tests; the timer calls it.</summary>
    public async Task TickAsync()
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1)
        {
            Interlocked.Increment(ref _missed);
            return;
        }
        try
        {
            var failing = _stopping ? null : await FirstFailingCheckAsync().ConfigureAwait(false);
            if (failing is null)
            {
                _notify.NotifyWatchdog();
                Interlocked.Increment(ref _pings);
                if (_failing is { } recovered)
                {
                    LogRecovered(_logger, recovered);
                }
            }
            else
            {
                Interlocked.Increment(ref _missed);
                if (_failing != failing)
                {
                    LogCheckFailed(_logger, failing);
                }
            }
            _failing = failing;
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private async Task<string?> FirstFailingCheckAsync()
    {
        using var timeout = new CancellationTokenSource(Interval / 2, _time);
        foreach (var check in _checks)
        {
            bool alive;
            try
            {
                alive = await check.Probe(timeout.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A probe that throws (connection refused, timeout) means "not alive".
            catch (Exception)
#pragma warning restore CA1031
            {
                alive = false;
            }
            if (!alive)
            {
                return check.Name;
            }
        }
        return null;
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    [LoggerMessage(EventId = 630, Level = LogLevel.Information, Message = "systemd watchdog: pinging every {Seconds:0.#} s while alive: {Checks}")]
    private static partial void LogStarted(ILogger logger, double seconds, string checks);

    [LoggerMessage(EventId = 631, Level = LogLevel.Error, Message = "systemd watchdog: liveness check '{Check}' failed; not pinging (systemd restarts the service if this persists)")]
    private static partial void LogCheckFailed(ILogger logger, string check);

    [LoggerMessage(EventId = 632, Level = LogLevel.Warning, Message = "systemd watchdog: liveness check '{Check}' recovered; pinging again")]
    private static partial void LogRecovered(ILogger logger, string check);
}
