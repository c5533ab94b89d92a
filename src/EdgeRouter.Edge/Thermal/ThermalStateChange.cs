namespace EdgeRouter.Edge.Thermal;

/// <summary>A thermal level change, raised by <see cref="ThermalMonitor.LevelChanged"/>.</summary>
public sealed record ThermalStateChange(ThermalLevel From, ThermalLevel To, double? Celsius, DateTimeOffset Timestamp, string Reason);
