using System.Globalization;

namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// Finds /sys/class/thermal/thermal_zone* once, and per sample reads every zone's <c>temp</c> (millidegrees Celsius).
/// The SoC temperature is the first readable zone in the board's preference order: an explicit type from the config,
/// then Pi <c>cpu-thermal</c>; Jetson <c>tj-thermal</c>, <c>gpu-thermal</c>, <c>cpu-thermal</c>; others
/// <c>cpu-thermal</c>, <c>x86_pkg_temp</c>, <c>soc-thermal</c>, <c>acpitz</c>; finally zone 0.
/// </summary>
public sealed class ThermalZoneReader
{
    internal const string ThermalClass = "sys/class/thermal";

    // Jetson reports -256 °C for a rail-gated GPU; anything outside this range is a sentinel, not a temperature.
    private const double MinPlausibleCelsius = -100;
    private const double MaxPlausibleCelsius = 200;

    private readonly SysfsRoot _root;
    private readonly ThermalZoneInfo[] _socCandidates;

    public ThermalZoneReader(SysfsRoot root, BoardKind board, string? preferredZoneType = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root;
        Zones = Discover(root);
        _socCandidates = OrderSocCandidates(Zones, board, preferredZoneType);
    }

    public IReadOnlyList<ThermalZoneInfo> Zones { get; }

    /// <summary>The zone whose trip points set the default thermal thresholds: the first SoC candidate, or null.</summary>
    public ThermalZoneInfo? PrimarySocZone => _socCandidates.Length > 0 ? _socCandidates[0] : null;

    public IReadOnlyList<ThermalZoneReading> ReadAll()
    {
        var readings = new ThermalZoneReading[Zones.Count];
        for (var i = 0; i < readings.Length; i++)
        {
            var zone = Zones[i];
            readings[i] = new ThermalZoneReading(zone.Index, zone.Type, ReadCelsius(_root, zone.Directory + "/temp"));
        }
        return readings;
    }

    /// <summary>The SoC temperature out of <paramref name="readings"/> (from <see cref="ReadAll"/>), or null.</summary>
    public ThermalZoneReading? SelectSoc(IReadOnlyList<ThermalZoneReading> readings)
    {
        foreach (var candidate in _socCandidates)
        {
            foreach (var reading in readings)
            {
                if (reading.Index == candidate.Index && reading.Celsius is not null)
                {
                    return reading;
                }
            }
        }
        return null;
    }

    internal static double? ReadCelsius(SysfsRoot root, string relative)
    {
        if (root.ReadInt64(relative) is not { } milli)
        {
            return null;
        }
        var celsius = milli / 1000.0;
        return celsius is > MinPlausibleCelsius and < MaxPlausibleCelsius ? celsius : null;
    }

    private static ThermalZoneInfo[] Discover(SysfsRoot root)
    {
        var zones = new List<ThermalZoneInfo>();
        foreach (var dir in root.ListDirectories(ThermalClass, "thermal_zone*"))
        {
            var index = SysfsRoot.TrailingNumber(dir);
            if (index < 0)
            {
                continue;
            }
            var type = root.ReadText(dir + "/type") ?? string.Empty;
            zones.Add(new ThermalZoneInfo(index, type, dir, ReadTrips(root, dir)));
        }
        return [.. zones];
    }

    private static TripPoint[] ReadTrips(SysfsRoot root, string zoneDir)
    {
        var trips = new List<TripPoint>();
        foreach (var file in root.ListFiles(zoneDir, "trip_point_*_temp"))
        {
            var middle = file["trip_point_".Length..^"_temp".Length];
            if (!int.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                continue;
            }
            var type = root.ReadText($"{zoneDir}/trip_point_{n}_type");
            if (type is not null && ReadCelsius(root, $"{zoneDir}/{file}") is { } celsius)
            {
                trips.Add(new TripPoint(n, type, celsius));
            }
        }
        return [.. trips.OrderBy(static t => t.Index)];
    }

    private static ThermalZoneInfo[] OrderSocCandidates(IReadOnlyList<ThermalZoneInfo> zones, BoardKind board, string? preferred)
    {
        var names = new List<string>();
        if (!string.IsNullOrWhiteSpace(preferred))
        {
            names.Add(preferred.Trim());
        }
        names.AddRange(board switch
        {
            BoardKind.RaspberryPi4 or BoardKind.RaspberryPi5 or BoardKind.RaspberryPiOther => ["cpu-thermal", "cpu"],
            BoardKind.Jetson => ["tj-thermal", "tj", "gpu-thermal", "gpu", "cpu-thermal", "cpu"],
            _ => ["cpu-thermal", "x86_pkg_temp", "soc-thermal", "cpu", "soc", "acpitz"],
        });

        var ordered = new List<ThermalZoneInfo>();
        foreach (var name in names)
        {
            foreach (var zone in zones)
            {
                var matches = string.Equals(zone.Type, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(zone.ShortName, name, StringComparison.OrdinalIgnoreCase);
                if (matches && !ordered.Contains(zone))
                {
                    ordered.Add(zone);
                }
            }
        }
        if (zones.FirstOrDefault(static z => z.Index == 0) is { } zone0 && !ordered.Contains(zone0))
        {
            ordered.Add(zone0);
        }
        return [.. ordered];
    }
}
