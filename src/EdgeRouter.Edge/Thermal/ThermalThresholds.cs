using EdgeRouter.Edge.Telemetry;

namespace EdgeRouter.Edge.Thermal;

/// <summary>
/// Where Warm and Hot begin, and the hysteresis band below each. <see cref="Source"/> says where the numbers came
/// from, for the log and the check command.
/// </summary>
public sealed record ThermalThresholds(double WarmCelsius, double HotCelsius, double HysteresisCelsius, string Source)
{
    /// <summary>Hot this many degrees before the kernel's passive (throttling) trip, so work is shed before clocks drop.</summary>
    internal const double BelowPassiveTrip = 5;
    /// <summary>Hot this far below a "hot" trip.</summary>
    internal const double BelowHotTrip = 10;
    /// <summary>Hot at least this far below the critical (shutdown) trip.</summary>
    internal const double BelowCriticalTrip = 20;
    /// <summary>Warm starts this far below Hot when derived.</summary>
    internal const double WarmBand = 10;

    /// <summary>Overrides from <paramref name="options"/>, else derived from <paramref name="zone"/>'s trips, else the board default.</summary>
    public static ThermalThresholds Resolve(ThermalOptions options, BoardKind board, ThermalZoneInfo? zone)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var derived = Derive(board, zone, options.HysteresisCelsius);
        return (options.WarmCelsius, options.HotCelsius) switch
        {
            ({ } warm, { } hot) => new(warm, hot, options.HysteresisCelsius, "configured"),
            (null, { } hot) => derived with { HotCelsius = hot, WarmCelsius = Math.Min(derived.WarmCelsius, hot - WarmBand), Source = "configured hot; " + derived.Source },
            ({ } warm, null) => derived with { WarmCelsius = warm, HotCelsius = Math.Max(derived.HotCelsius, warm + WarmBand), Source = "configured warm; " + derived.Source },
            _ => derived,
        };
    }

    /// <summary>
    /// The lowest passive trip P gives Hot = P - 5; else the lowest hot trip H gives Hot = H - 10; else the critical trip
    /// C caps the board default at C - 20. Active trips are fan steps (Pi 5: 50/60/67.5/75 °C) and are ignored.
    /// </summary>
    internal static ThermalThresholds Derive(BoardKind board, ThermalZoneInfo? zone, double hysteresis)
    {
        var boardHot = BoardDefaultHot(board);
        var trips = zone?.Trips ?? [];
        var name = zone?.Type ?? "no zone";

        if (Lowest(trips, TripPoint.Passive) is { } passive)
        {
            var hot = passive.Celsius - BelowPassiveTrip;
            return new(hot - WarmBand, hot, hysteresis, $"passive trip {passive.Celsius:0.#} °C of {name}");
        }
        if (Lowest(trips, TripPoint.Hot) is { } hotTrip)
        {
            var hot = hotTrip.Celsius - BelowHotTrip;
            return new(hot - WarmBand, hot, hysteresis, $"hot trip {hotTrip.Celsius:0.#} °C of {name}");
        }
        if (Lowest(trips, TripPoint.Critical) is { } critical && critical.Celsius - BelowCriticalTrip < boardHot)
        {
            var hot = critical.Celsius - BelowCriticalTrip;
            return new(hot - WarmBand, hot, hysteresis, $"critical trip {critical.Celsius:0.#} °C of {name}");
        }
        return new(boardHot - WarmBand, boardHot, hysteresis, $"{board} default");
    }

    /// <summary>Pi firmware throttles from 80 °C (hard at 85); Jetson and PCs are assumed to tolerate 85 °C.</summary>
    internal static double BoardDefaultHot(BoardKind board) => board switch
    {
        BoardKind.RaspberryPi4 or BoardKind.RaspberryPi5 or BoardKind.RaspberryPiOther => 80,
        _ => 85,
    };

    private static TripPoint? Lowest(IReadOnlyList<TripPoint> trips, string type) =>
        trips.Where(t => string.Equals(t.Type, type, StringComparison.OrdinalIgnoreCase)).MinBy(static t => t.Celsius);

    public override string ToString() =>
        $"warm {WarmCelsius:0.#} °C, hot {HotCelsius:0.#} °C, hysteresis {HysteresisCelsius:0.#} °C ({Source})";
}
