namespace EdgeRouter.Edge.Telemetry;

/// <summary>A thermal zone trip point: <c>trip_point_N_type</c> (passive, active, hot, critical) and its temperature.</summary>
public sealed record TripPoint(int Index, string Type, double Celsius)
{
    public const string Passive = "passive";
    public const string Active = "active";
    public const string Hot = "hot";
    public const string Critical = "critical";
}
