namespace EdgeRouter.Edge.Thermal;

/// <summary>The Pi firmware's under-voltage flag went up (<see cref="Active"/>) or back down.</summary>
public sealed record UnderVoltageEvent(bool Active, DateTimeOffset Timestamp);
