namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// One sample of the board. Immutable; the sampler swaps it whole. Every reading is nullable: null is "unknown"
/// (not readable, not present on this board), never an error.
/// </summary>
public sealed record TelemetrySnapshot
{
    public required DateTimeOffset Timestamp { get; init; }

    public required BoardInfo Board { get; init; }

    /// <summary>The zone chosen as the SoC temperature, or null when no zone was readable.</summary>
    public ThermalZoneReading? SocTemperature { get; init; }

    public IReadOnlyList<ThermalZoneReading> Zones { get; init; } = [];

    public CpuFrequencyReading CpuFrequency { get; init; } = CpuFrequencyReading.Unknown;

    /// <summary>Raspberry Pi only: under-voltage flagged by the firmware in the last 2 s.</summary>
    public bool? UnderVoltage { get; init; }

    /// <summary>Raspberry Pi 5 fan, or null when there is none.</summary>
    public FanReading? Fan { get; init; }

    /// <summary>Jetson iGPU, or null.</summary>
    public GpuReading? Gpu { get; init; }

    /// <summary>Jetson INA3221 rails, or null.</summary>
    public PowerRailsReading? Power { get; init; }

    public MemoryReading Memory { get; init; } = MemoryReading.Unknown;

    public LoadAverage? LoadAverage { get; init; }

    /// <summary>Shorthand for the SoC temperature in °C.</summary>
    public double? SocCelsius => SocTemperature?.Celsius;
}
