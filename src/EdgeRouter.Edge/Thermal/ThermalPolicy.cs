using EdgeRouter.Core.Local;
using EdgeRouter.Edge.Telemetry;

namespace EdgeRouter.Edge.Thermal;

/// <summary>
/// The pure part of thermal control: the next level from the previous one and a temperature, and the advice for a
/// level. Entering uses the thresholds; leaving needs the temperature to fall below threshold minus hysteresis.
/// <code>
///        ≥ warm            ≥ hot
/// Normal ───────▶ Warm ───────▶ Hot        (Normal ≥ hot goes straight to Hot)
///        ◀─────── ◀───────
///    &lt; warm − h      &lt; hot − h          (Hot &lt; warm − h goes straight to Normal)
/// </code>
/// </summary>
public sealed class ThermalPolicy
{
    private readonly ThermalOptions _options;

    public ThermalPolicy(ThermalThresholds thresholds, ThermalOptions options)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (thresholds.WarmCelsius >= thresholds.HotCelsius)
        {
            throw new ArgumentException($"warm ({thresholds.WarmCelsius:0.#} °C) must be below hot ({thresholds.HotCelsius:0.#} °C)", nameof(thresholds));
        }
        Thresholds = thresholds;
        _options = options;
    }

    public ThermalThresholds Thresholds { get; }

    public ThermalOptions Options => _options;

    /// <summary>The level after observing <paramref name="snapshot"/>; an unknown temperature keeps <paramref name="previous"/>.</summary>
    public ThermalLevel Evaluate(ThermalLevel previous, TelemetrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Evaluate(previous, snapshot.SocCelsius);
    }

    /// <summary>The level after observing <paramref name="celsius"/>; null keeps <paramref name="previous"/>.</summary>
    public ThermalLevel Evaluate(ThermalLevel previous, double? celsius)
    {
        if (celsius is not { } c || double.IsNaN(c))
        {
            return previous;
        }
        var t = Thresholds;
        var h = t.HysteresisCelsius;
        return previous switch
        {
            ThermalLevel.Hot => c >= t.HotCelsius - h ? ThermalLevel.Hot : c >= t.WarmCelsius - h ? ThermalLevel.Warm : ThermalLevel.Normal,
            ThermalLevel.Warm => c >= t.HotCelsius ? ThermalLevel.Hot : c >= t.WarmCelsius - h ? ThermalLevel.Warm : ThermalLevel.Normal,
            _ => c >= t.HotCelsius ? ThermalLevel.Hot : c >= t.WarmCelsius ? ThermalLevel.Warm : ThermalLevel.Normal,
        };
    }

    /// <summary>What the local tier should do with new work at <paramref name="level"/>.</summary>
    public LocalAdvice Advise(ThermalLevel level, double? celsius)
    {
        var t = Thresholds;
        var now = celsius is { } c ? $"{c:0.#} °C" : "temperature unknown";
        return level switch
        {
            ThermalLevel.Hot => new LocalAdvice.Shed(_options.HotRetryAfter,
                $"the board is too hot for local inference ({now}, hot at {t.HotCelsius:0.#} °C); retry when it has cooled below {t.HotCelsius - t.HysteresisCelsius:0.#} °C"),
            ThermalLevel.Warm => new LocalAdvice.PreferUpstream(_options.WarmThreads,
                $"the board is warm ({now}, warm at {t.WarmCelsius:0.#} °C)"),
            _ => LocalAdvice.Accept,
        };
    }
}
