using EdgeRouter.Core.Local;

namespace EdgeRouter.Edge.Thermal;

/// <summary>The thermal state as of the last sample. Immutable; the monitor swaps it whole.</summary>
/// <param name="Since">When <see cref="Level"/> was entered.</param>
/// <param name="Advice">What <see cref="Level"/> means for new local work.</param>
/// <param name="UnderVoltage">The Pi's under-voltage flag in the last sample (null when unknown).</param>
public sealed record ThermalStatus(
    ThermalLevel Level,
    double? Celsius,
    string? Zone,
    DateTimeOffset Since,
    bool? UnderVoltage,
    LocalAdvice Advice)
{
    /// <summary>"normal 52.3 °C", "hot 83.0 °C", "warm (temperature unknown)" — for systemd STATUS= and logs.</summary>
    public string Describe() =>
        Level.ToString().ToLowerInvariant() + (Celsius is { } c ? $" {c:0.0} °C" : " (temperature unknown)") +
        (UnderVoltage == true ? ", UNDER-VOLTAGE" : string.Empty);

    internal static ThermalStatus Initial(DateTimeOffset now) => new(ThermalLevel.Normal, null, null, now, null, LocalAdvice.Accept);
}
