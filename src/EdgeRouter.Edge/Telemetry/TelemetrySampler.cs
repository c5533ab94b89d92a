using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// Samples the board on its own <see cref="TimeProvider"/> timer and keeps the latest snapshot. Ticks never overlap
/// (a slow SD card cannot stack reads), and a throwing subscriber is logged, not allowed to stop the timer.
/// </summary>
public sealed partial class TelemetrySampler : IDisposable
{
    private readonly TelemetryReader _reader;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _sync = new();
    private ITimer? _timer;
    private volatile TelemetrySnapshot? _latest;
    private int _sampling;
    private long _samples;
    private bool _disposed;

    public TelemetrySampler(TelemetryReader reader, TelemetryOptions options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _reader = reader;
        _interval = options.Interval;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    public TelemetryReader Reader => _reader;

    /// <summary>The newest sample, or null before <see cref="Start"/>.</summary>
    public TelemetrySnapshot? Latest => _latest;

    public long SampleCount => Interlocked.Read(ref _samples);

    /// <summary>Raised on the timer's thread after each sample.</summary>
    public event Action<TelemetrySnapshot>? Sampled;

    /// <summary>Takes one sample at once (so <see cref="Latest"/> is set when this returns), then one per interval.</summary>
    public void Start()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_timer is not null)
            {
                return;
            }
            _timer = _time.CreateTimer(static s => ((TelemetrySampler)s!).Tick(), this, _interval, _interval);
        }
        LogStarted(_logger, _reader.Board.ToString(), _reader.Zones.PrimarySocZone?.Type ?? "none", _interval.TotalSeconds);
        Tick();
    }

    /// <summary>Takes a sample now, outside the timer (tests, the check command).</summary>
    public TelemetrySnapshot SampleNow()
    {
        var snapshot = _reader.Read();
        _latest = snapshot;
        Interlocked.Increment(ref _samples);
        Publish(snapshot);
        return snapshot;
    }

    private void Tick()
    {
        if (Interlocked.Exchange(ref _sampling, 1) == 1)
        {
            return;
        }
        try
        {
            SampleNow();
        }
        finally
        {
            Volatile.Write(ref _sampling, 0);
        }
    }

    private void Publish(TelemetrySnapshot snapshot)
    {
        if (Sampled is not { } handlers)
        {
            return;
        }
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((Action<TelemetrySnapshot>)handler)(snapshot);
            }
#pragma warning disable CA1031 // A subscriber's bug must not stop sampling.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSubscriberFailed(_logger, ex);
            }
        }
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

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Telemetry: board {Board}, SoC zone {Zone}, sampling every {Seconds:0.#} s")]
    private static partial void LogStarted(ILogger logger, string board, string zone, double seconds);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Telemetry subscriber failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
