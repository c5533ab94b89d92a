namespace EdgeRouter.Edge.Telemetry;

/// <summary>One zone's temperature in one sample; <see cref="Celsius"/> is null when the read failed.</summary>
public sealed record ThermalZoneReading(int Index, string Type, double? Celsius);
