namespace EdgeRouter.Edge.Telemetry;

/// <summary>A thermal zone found at start: its kernel index, its <c>type</c> and its trip points.</summary>
/// <param name="Directory">Root-relative path of the zone, e.g. "sys/class/thermal/thermal_zone8".</param>
public sealed record ThermalZoneInfo(int Index, string Type, string Directory, IReadOnlyList<TripPoint> Trips)
{
    /// <summary>The part of the type before '-' or '_' ("tj-thermal" is "tj", "CPU-therm" is "CPU"), as jtop names zones.</summary>
    public string ShortName
    {
        get
        {
            var cut = Type.IndexOfAny(['-', '_']);
            return cut > 0 ? Type[..cut] : Type;
        }
    }
}
