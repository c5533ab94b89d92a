using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Edge.Thermal;

namespace EdgeRouter.Tests.Edge.Thermal;

public sealed class ThermalThresholdsTests
{
    private static ThermalZoneInfo Zone(params (string Type, double Celsius)[] trips) =>
        new(0, "cpu-thermal", "sys/class/thermal/thermal_zone0", trips.Select((t, i) => new TripPoint(i, t.Type, t.Celsius)).ToArray());

    [Fact]
    public void Resolve_PiWithOnlyCriticalTrip_UsesPiDefaultBelowFirmwareThrottle()
    {
        var t = ThermalThresholds.Resolve(new ThermalOptions(), BoardKind.RaspberryPi4, Zone(("critical", 110)));

        Assert.Equal(70, t.WarmCelsius);
        Assert.Equal(80, t.HotCelsius);
        Assert.Equal(5, t.HysteresisCelsius);
        Assert.Contains("default", t.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Pi5FanTrips_AreIgnored()
    {
        var t = ThermalThresholds.Resolve(new ThermalOptions(), BoardKind.RaspberryPi5,
            Zone(("critical", 110), ("active", 50), ("active", 60), ("active", 67.5), ("active", 75)));

        Assert.Equal((70.0, 80.0), (t.WarmCelsius, t.HotCelsius));
    }

    [Fact]
    public void Resolve_PassiveTrip_HotFiveBelowIt()
    {
        var t = ThermalThresholds.Resolve(new ThermalOptions(), BoardKind.Jetson, Zone(("critical", 104.5), ("passive", 99)));

        Assert.Equal((84.0, 94.0), (t.WarmCelsius, t.HotCelsius));
        Assert.Contains("passive trip 99", t.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_HotTrip_HotTenBelowIt()
    {
        var t = ThermalThresholds.Resolve(new ThermalOptions(), BoardKind.Generic, Zone(("hot", 90), ("critical", 100)));

        Assert.Equal((70.0, 80.0), (t.WarmCelsius, t.HotCelsius));
    }

    [Fact]
    public void Resolve_LowCriticalTrip_CapsTheBoardDefault()
    {
        var t = ThermalThresholds.Resolve(new ThermalOptions(), BoardKind.Generic, Zone(("critical", 95)));

        Assert.Equal((65.0, 75.0), (t.WarmCelsius, t.HotCelsius));
    }

    [Fact]
    public void Resolve_NoZone_BoardDefault()
    {
        var t = ThermalThresholds.Resolve(new ThermalOptions(), BoardKind.Unknown, null);

        Assert.Equal((75.0, 85.0), (t.WarmCelsius, t.HotCelsius));
    }

    [Fact]
    public void Resolve_Overrides_Win()
    {
        var both = ThermalThresholds.Resolve(new ThermalOptions { WarmCelsius = 60, HotCelsius = 72, HysteresisCelsius = 3 }, BoardKind.RaspberryPi5, null);
        var hotOnly = ThermalThresholds.Resolve(new ThermalOptions { HotCelsius = 65 }, BoardKind.RaspberryPi5, null);
        var warmOnly = ThermalThresholds.Resolve(new ThermalOptions { WarmCelsius = 78 }, BoardKind.RaspberryPi5, null);

        Assert.Equal((60.0, 72.0, 3.0, "configured"), (both.WarmCelsius, both.HotCelsius, both.HysteresisCelsius, both.Source));
        Assert.Equal((55.0, 65.0), (hotOnly.WarmCelsius, hotOnly.HotCelsius));
        Assert.Equal((78.0, 88.0), (warmOnly.WarmCelsius, warmOnly.HotCelsius));
    }

    [Fact]
    public void Options_WarmNotBelowHot_Rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ThermalOptions { WarmCelsius = 80, HotCelsius = 80 }.Validate());

        Assert.Contains("must be below the hot threshold", ex.Message, StringComparison.Ordinal);
    }
}
