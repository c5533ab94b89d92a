using EdgeRouter.Core.Local;
using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Tests.Support;
using EdgeRouter.Edge.Thermal;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRouter.Tests.Edge.Thermal;

/// <summary>The fake clock drives the real sampler over a writable Pi 4 tree; the monitor sees each sample.</summary>
public sealed class ThermalMonitorTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = TestClock.Fake();
    private readonly string _root = FixtureTrees.CopyToTemp(FixtureTrees.Pi4);
    private readonly TelemetrySampler _sampler;
    private readonly ThermalMonitor _monitor;
    private readonly List<ThermalStateChange> _changes = [];
    private readonly List<UnderVoltageEvent> _voltage = [];

    public ThermalMonitorTests()
    {
        var options = new TelemetryOptions { Root = _root, Interval = Interval };
        var reader = new TelemetryReader(options, _time);
        var thresholds = ThermalThresholds.Resolve(new ThermalOptions(), reader.Board.Kind, reader.Zones.PrimarySocZone);
        _monitor = new ThermalMonitor(new ThermalPolicy(thresholds, new ThermalOptions()), _time);
        _monitor.LevelChanged += _changes.Add;
        _monitor.UnderVoltageChanged += _voltage.Add;
        _sampler = new TelemetrySampler(reader, options, _time);
        SetTemperature(50);
        _monitor.Attach(_sampler);
        _sampler.Start();
    }

    private void SetTemperature(double celsius) =>
        File.WriteAllText(Path.Join(_root, "sys/class/thermal/thermal_zone0/temp"), $"{(int)(celsius * 1000)}\n");

    private void Sample(double celsius)
    {
        SetTemperature(celsius);
        _time.Advance(Interval);
    }

    [Fact]
    public void Monitor_WarmHotCool_OneEventPerRealChangeNoChatter()
    {
        var start = _time.GetUtcNow();
        var script = new (double Celsius, ThermalLevel Expected)[]
        {
            (65, ThermalLevel.Normal), (70.5, ThermalLevel.Warm), (72, ThermalLevel.Warm), (69, ThermalLevel.Warm),
            (66, ThermalLevel.Warm), (71, ThermalLevel.Warm), (79, ThermalLevel.Warm), (80.5, ThermalLevel.Hot),
            (78, ThermalLevel.Hot), (76, ThermalLevel.Hot), (75.5, ThermalLevel.Hot), (79.9, ThermalLevel.Hot),
            (74, ThermalLevel.Warm), (70, ThermalLevel.Warm), (66, ThermalLevel.Warm), (64, ThermalLevel.Normal),
            (64.5, ThermalLevel.Normal), (69.9, ThermalLevel.Normal),
        };

        foreach (var (celsius, expected) in script)
        {
            Sample(celsius);
            Assert.Equal(expected, _monitor.Current.Level);
            Assert.Equal(celsius, _monitor.Current.Celsius!.Value, 3);
        }

        Assert.Equal(
            [(ThermalLevel.Normal, ThermalLevel.Warm), (ThermalLevel.Warm, ThermalLevel.Hot), (ThermalLevel.Hot, ThermalLevel.Warm), (ThermalLevel.Warm, ThermalLevel.Normal)],
            _changes.Select(c => (c.From, c.To)));
        Assert.Equal([start + (2 * Interval), start + (8 * Interval), start + (13 * Interval), start + (16 * Interval)], _changes.Select(c => c.Timestamp));
        Assert.Equal(start + (16 * Interval), _monitor.Current.Since);

        var m = _monitor.Metrics();
        Assert.Equal((1L, 2L, 1L), (m.TransitionsToNormal, m.TransitionsToWarm, m.TransitionsToHot));
    }

    [Fact]
    public void Monitor_Hot_AdvisesShedWithRetryAfterUntilBelowBand()
    {
        Sample(81);
        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<LocalAdvice.Shed>(_monitor.Advise()).RetryAfter);

        Sample(76);
        Assert.IsType<LocalAdvice.Shed>(_monitor.Advise());

        Sample(74);
        Assert.IsType<LocalAdvice.PreferUpstream>(_monitor.Advise());
        Assert.Equal("warm 74.0 °C", _monitor.Current.Describe());
    }

    [Fact]
    public void Monitor_UnknownTemperature_HoldsLevelThenFallsBackToNormal()
    {
        Sample(85);
        Assert.Equal(ThermalLevel.Hot, _monitor.Current.Level);
        var temp = Path.Join(_root, "sys/class/thermal/thermal_zone0/temp");

        File.WriteAllText(temp, "garbage\n");
        _time.Advance(Interval);
        _time.Advance(Interval);
        Assert.Equal(ThermalLevel.Hot, _monitor.Current.Level);
        Assert.Null(_monitor.Current.Celsius);

        _time.Advance(Interval);
        Assert.Equal(ThermalLevel.Normal, _monitor.Current.Level);
        Assert.Contains("no readable temperature", _changes[^1].Reason, StringComparison.Ordinal);
        Assert.Equal(3, _monitor.Metrics().UnknownTemperatureSamples);
    }

    [Fact]
    public void Monitor_UnderVoltage_OneWarningEventPerEdge()
    {
        var alarm = Path.Join(_root, "sys/class/hwmon/hwmon1/in0_lcrit_alarm");

        File.WriteAllText(alarm, "1\n");
        _time.Advance(Interval);
        _time.Advance(Interval);
        File.WriteAllText(alarm, "0\n");
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Equal([true, false], _voltage.Select(v => v.Active));
        Assert.Equal(1, _monitor.Metrics().UnderVoltageEvents);
        Assert.Empty(_changes);
    }

    public void Dispose()
    {
        _sampler.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
