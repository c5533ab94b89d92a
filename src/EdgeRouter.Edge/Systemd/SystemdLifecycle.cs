using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Edge.Systemd;

/// <summary>
/// The router's side of a Type=notify service, in the order systemd expects:
/// <code>
/// Starting("loading model")  STATUS=…, EXTEND_TIMEOUT_USEC=… while the model loads
/// Ready()                    READY=1, STATUS=…, then WATCHDOG=1 every WATCHDOG_USEC/2 while all checks pass,
///                            and STATUS=… whenever the status line changes
/// Stopping()                 STOPPING=1, STATUS=stopping; watchdog pings continue unconditionally
/// Dispose()                  timers stop
/// </code>
/// Every call is a no-op without <c>$NOTIFY_SOCKET</c>, so the host calls them unconditionally.
/// </summary>
public sealed partial class SystemdLifecycle : IDisposable
{
    private readonly SystemdLifecycleOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _sync = new();
    private readonly WatchdogPinger? _watchdog;
    private ITimer? _statusTimer;
    private string? _lastStatus;
    private bool _ready;
    private bool _stopping;
    private bool _disposed;

    public SystemdLifecycle(SystemdEnvironment environment, SystemdLifecycleOptions options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        Environment = environment;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        Notify = SdNotify.FromEnvironment(environment);
        if (Notify.IsEnabled && environment.WatchdogTimeout is { } timeout)
        {
            _watchdog = new WatchdogPinger(Notify, timeout, options.LivenessChecks, time, _logger);
        }
    }

    public SystemdEnvironment Environment { get; }

    public SdNotify Notify { get; }

    /// <summary>The watchdog pinger, or null when the unit has no WatchdogSec= (or no notify socket).</summary>
    public WatchdogPinger? Watchdog => _watchdog;

    public bool IsEnabled => Notify.IsEnabled;

    /// <summary>STATUS= while starting; with <paramref name="extendTimeout"/>, also asks systemd for that much more start time.</summary>
    public void Starting(string status, TimeSpan? extendTimeout = null)
    {
        if (extendTimeout is { } extension)
        {
            Notify.ExtendTimeout(extension);
        }
        SendStatus(status);
    }

    /// <summary>Call once the model is loaded and the listener is bound.</summary>
    public void Ready()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_ready || _stopping)
            {
                return;
            }
            _ready = true;
            Notify.NotifyReady();
            if (IsEnabled && _options.StatusLine is not null)
            {
                _statusTimer = _time.CreateTimer(static s => ((SystemdLifecycle)s!).RefreshStatus(), this,
                    _options.StatusInterval, _options.StatusInterval);
            }
        }
        if (IsEnabled)
        {
            LogReady(_logger, Notify.SocketName ?? string.Empty, _watchdog?.Interval.TotalSeconds ?? 0);
        }
        RefreshStatus();
        _watchdog?.Start();
    }

    /// <summary>Sends STATUS= if the status line changed since the last one sent.</summary>
    public void RefreshStatus()
    {
        if (_options.StatusLine is not { } provider)
        {
            return;
        }
        string line;
        try
        {
            line = provider();
        }
#pragma warning disable CA1031 // A status provider bug must not stop the timer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            line = "status unavailable: " + ex.Message;
        }
        SendStatus(line);
    }

    /// <summary>Call when SIGTERM (or any stop) begins, before draining.</summary>
    public void Stopping(string status = "stopping: finishing the running generation")
    {
        lock (_sync)
        {
            if (_stopping)
            {
                return;
            }
            _stopping = true;
            _statusTimer?.Dispose();
            _statusTimer = null;
        }
        _watchdog?.EnterStopping();
        Notify.NotifyStopping();
        SendStatus(status, force: true);
    }

    private void SendStatus(string status, bool force = false)
    {
        var line = SdNotify.StatusLine(status);
        lock (_sync)
        {
            // Under the lock so two STATUS= never overtake each other, and none follows STOPPING=1 unless forced.
            if (!force && (_stopping || string.Equals(line, _lastStatus, StringComparison.Ordinal)))
            {
                return;
            }
            _lastStatus = line;
            Notify.Send(line);
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            _statusTimer?.Dispose();
            _statusTimer = null;
        }
        _watchdog?.Dispose();
    }

    [LoggerMessage(EventId = 633, Level = LogLevel.Information, Message = "systemd: READY=1 sent to {Socket}; watchdog interval {Seconds:0.#} s (0 = no WatchdogSec=)")]
    private static partial void LogReady(ILogger logger, string socket, double seconds);
}
