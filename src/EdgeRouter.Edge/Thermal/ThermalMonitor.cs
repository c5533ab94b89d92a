using EdgeRouter.Core.Local;
using EdgeRouter.Edge.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Edge.Thermal;

/// <summary>
/// The thread-safe thermal state: feeds each telemetry sample through <see cref="ThermalPolicy"/>, keeps the current
/// <see cref="ThermalStatus"/>, counts transitions, and raises an event (and a log line) for each level change and
/// each under-voltage edge. Events are raised in order, under the monitor's lock: keep handlers short. As the local
/// tier's <see cref="ILocalAdmissionPolicy"/> it sheds new work while hot and sends it elsewhere while warm.
/// </summary>
public sealed partial class ThermalMonitor : ILocalAdmissionPolicy
{
    private readonly ThermalPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _sync = new();
    private volatile ThermalStatus _current;
    private int _unknownStreak;
    private long _toNormal;
    private long _toWarm;
    private long _toHot;
    private long _underVoltageEvents;
    private long _unknownSamples;

    public ThermalMonitor(ThermalPolicy policy, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        _policy = policy;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _current = ThermalStatus.Initial(time.GetUtcNow());
    }

    public ThermalPolicy Policy => _policy;

    public ThermalStatus Current => _current;

    /// <summary>What to do with new local work right now.</summary>
    public LocalAdvice Advise() => _current.Advice;

    public event Action<ThermalStateChange>? LevelChanged;

    public event Action<UnderVoltageEvent>? UnderVoltageChanged;

    /// <summary>Observes every sample of <paramref name="sampler"/> until the returned handle is disposed.</summary>
    public IDisposable Attach(TelemetrySampler sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        sampler.Sampled += Observe;
        if (sampler.Latest is { } latest)
        {
            Observe(latest);
        }
        return new Subscription(() => sampler.Sampled -= Observe);
    }

    public void Observe(TelemetrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_sync)
        {
            Observe_NeedsLock(snapshot);
        }
    }

    public ThermalMetrics Metrics()
    {
        var current = _current;
        return new ThermalMetrics(current.Level, current.Celsius,
            Interlocked.Read(ref _toNormal), Interlocked.Read(ref _toWarm), Interlocked.Read(ref _toHot),
            Interlocked.Read(ref _underVoltageEvents), Interlocked.Read(ref _unknownSamples));
    }

    private void Observe_NeedsLock(TelemetrySnapshot snapshot)
    {
        var previous = _current;
        var celsius = snapshot.SocCelsius;
        var now = _time.GetUtcNow();

        ThermalLevel level;
        string reason;
        if (celsius is null)
        {
            Interlocked.Increment(ref _unknownSamples);
            _unknownStreak++;
            var giveUp = _unknownStreak >= _policy.Options.UnknownSamplesBeforeNormal;
            level = giveUp ? ThermalLevel.Normal : previous.Level;
            reason = giveUp ? $"no readable temperature for {_unknownStreak} samples" : "temperature unknown";
        }
        else
        {
            _unknownStreak = 0;
            level = _policy.Evaluate(previous.Level, celsius);
            reason = $"{celsius:0.0} °C on {snapshot.SocTemperature!.Type}";
        }

        var changed = level != previous.Level;
        _current = new ThermalStatus(level, celsius, snapshot.SocTemperature?.Type,
            changed ? now : previous.Since, snapshot.UnderVoltage, _policy.Advise(level, celsius));

        if (changed)
        {
            Count(level);
            Log(previous.Level, level, reason);
            LevelChanged?.Invoke(new ThermalStateChange(previous.Level, level, celsius, now, reason));
        }

        if (snapshot.UnderVoltage is { } under && under != (previous.UnderVoltage ?? false))
        {
            if (under)
            {
                Interlocked.Increment(ref _underVoltageEvents);
                LogUnderVoltage(_logger);
            }
            else
            {
                LogVoltageNormal(_logger);
            }
            UnderVoltageChanged?.Invoke(new UnderVoltageEvent(under, now));
        }
    }

    private void Count(ThermalLevel level)
    {
        switch (level)
        {
            case ThermalLevel.Hot: Interlocked.Increment(ref _toHot); break;
            case ThermalLevel.Warm: Interlocked.Increment(ref _toWarm); break;
            default: Interlocked.Increment(ref _toNormal); break;
        }
    }

    private void Log(ThermalLevel from, ThermalLevel to, string reason)
    {
        var t = _policy.Thresholds;
        if (to > from)
        {
            LogHeating(_logger, from, to, reason, to == ThermalLevel.Hot ? t.HotCelsius : t.WarmCelsius);
        }
        else
        {
            LogCooling(_logger, from, to, reason);
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Warning, Message = "Thermal state {From} -> {To}: {Reason} (threshold {Threshold:0.#} °C)")]
    private static partial void LogHeating(ILogger logger, ThermalLevel from, ThermalLevel to, string reason, double threshold);

    [LoggerMessage(EventId = 611, Level = LogLevel.Information, Message = "Thermal state {From} -> {To}: {Reason}")]
    private static partial void LogCooling(ILogger logger, ThermalLevel from, ThermalLevel to, string reason);

    [LoggerMessage(EventId = 612, Level = LogLevel.Warning, Message = "Under-voltage detected: the power supply cannot hold 5 V under load; expect throttling and SD card errors (use the official supply and a short, thick cable)")]
    private static partial void LogUnderVoltage(ILogger logger);

    [LoggerMessage(EventId = 613, Level = LogLevel.Information, Message = "Supply voltage back to normal")]
    private static partial void LogVoltageNormal(ILogger logger);
}
