using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRouter.Tests.Edge.Telemetry;

public sealed class TelemetryReaderFixtureTests
{
    private readonly FakeTimeProvider _time = TestClock.Fake();

    private TelemetrySnapshot Read(string tree, string? zoneType = null) =>
        new TelemetryReader(new TelemetryOptions { Root = FixtureTrees.PathOf(tree), SocZoneType = zoneType }, _time).Read();

    [Fact]
    public void Read_Pi4_CpuThermalUnderVoltageClearNoFan()
    {
        var s = Read(FixtureTrees.Pi4);

        Assert.Equal(BoardKind.RaspberryPi4, s.Board.Kind);
        Assert.Equal("Raspberry Pi 4 Model B Rev 1.2", s.Board.Model);
        Assert.Equal("cpu-thermal", s.SocTemperature!.Type);
        Assert.Equal(48.686, s.SocCelsius!.Value, 3);
        Assert.Equal(600_000, s.CpuFrequency.CurrentKHz);
        Assert.Equal(1_500_000, s.CpuFrequency.MaxKHz);
        Assert.Equal(0.4, s.CpuFrequency.ThrottleRatio!.Value, 3);
        Assert.False(s.UnderVoltage);
        Assert.Null(s.Fan);
        Assert.Null(s.Gpu);
        Assert.Null(s.Power);
        Assert.Equal(3_884_328L * 1024, s.Memory.TotalBytes);
        Assert.Equal(3_412_116L * 1024, s.Memory.AvailableBytes);
        Assert.Null(s.Memory.CgroupLimitBytes);
        Assert.Equal(new LoadAverage(0.08, 0.03, 0.01), s.LoadAverage);
        Assert.Equal(_time.GetUtcNow(), s.Timestamp);
    }

    [Fact]
    public void Read_Pi5_FanUnderVoltageAndCgroupLimit()
    {
        var s = Read(FixtureTrees.Pi5);

        Assert.Equal(BoardKind.RaspberryPi5, s.Board.Kind);
        Assert.Equal(61.35, s.SocCelsius!.Value, 3);
        Assert.True(s.UnderVoltage);
        Assert.Equal(new FanReading(2, 4, 3370, 125), s.Fan);
        Assert.Equal(125 / 255.0, s.Fan!.DutyRatio!.Value, 6);
        Assert.Equal(1.0, s.CpuFrequency.ThrottleRatio);
        Assert.Equal(6_442_450_944, s.Memory.CgroupLimitBytes);
        Assert.Equal(104_857_600, s.Memory.CgroupCurrentBytes);
        // MemAvailable (7 GiB) is more than the cgroup's headroom (6 GiB - 100 MiB): the headroom wins.
        Assert.Equal(6_442_450_944 - 104_857_600, s.Memory.EffectiveAvailableBytes);
        Assert.Contains("MemoryMax", s.Memory.EffectiveAvailableSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Pi5_TripPointsOfCpuThermalAreDiscovered()
    {
        var reader = new TelemetryReader(new TelemetryOptions { Root = FixtureTrees.PathOf(FixtureTrees.Pi5) }, _time);

        var zone = reader.Zones.PrimarySocZone!;

        Assert.Equal("cpu-thermal", zone.Type);
        Assert.Equal(["critical", "active", "active", "active", "active"], zone.Trips.Select(t => t.Type));
        Assert.Equal([110, 50, 60, 67.5, 75], zone.Trips.Select(t => t.Celsius));
    }

    [Fact]
    public void Read_JetsonOrinNano_TjZoneGpuAndRails()
    {
        var s = Read(FixtureTrees.JetsonOrinNano);

        Assert.Equal(BoardKind.Jetson, s.Board.Kind);
        Assert.Equal("R36.4.3", s.Board.L4tRelease);
        Assert.Equal("tj-thermal", s.SocTemperature!.Type);
        Assert.Equal(8, s.SocTemperature.Index);
        Assert.Equal(48.906, s.SocCelsius!.Value, 3);
        Assert.Equal(9, s.Zones.Count);
        Assert.All(s.Zones.Where(z => z.Type.StartsWith("cv", StringComparison.Ordinal)), z => Assert.Null(z.Celsius));

        Assert.Equal("17000000.gpu", s.Gpu!.Name);
        Assert.Equal(0.127, s.Gpu.LoadRatio!.Value, 6);
        Assert.Equal(306_000_000, s.Gpu.FrequencyHz);
        Assert.Equal(1_020_000_000, s.Gpu.MaxFrequencyHz);

        Assert.Equal(["VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"], s.Power!.Rails.Select(r => r.Label));
        Assert.Equal(5072 * 898 / 1000.0, s.Power.TotalMilliwatts!.Value, 6);

        // Two clusters: the fastest one's clock against the highest maximum.
        Assert.Equal(1_728_000, s.CpuFrequency.CurrentKHz);
        Assert.Equal(1.0, s.CpuFrequency.ThrottleRatio);
        Assert.Null(s.UnderVoltage);
        Assert.Equal(1850, s.Fan!.Rpm);
        // memory.max is "max": no limit.
        Assert.Null(s.Memory.CgroupLimitBytes);
        Assert.Equal(5_961_544L * 1024, s.Memory.EffectiveAvailableBytes);
    }

    [Fact]
    public void Read_JetsonWithTjUnreadable_FallsBackToGpuZone()
    {
        var root = FixtureTrees.CopyToTemp(FixtureTrees.JetsonOrinNano);
        try
        {
            File.WriteAllText(Path.Join(root, "sys/class/thermal/thermal_zone8/temp"), "-256000\n");
            var s = new TelemetryReader(new TelemetryOptions { Root = root }, _time).Read();

            Assert.Equal("gpu-thermal", s.SocTemperature!.Type);
            Assert.Equal(48.625, s.SocCelsius!.Value, 3);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Read_X86_DmiBoardAndPackageTemperature()
    {
        var s = Read(FixtureTrees.X86);

        Assert.Equal(BoardKind.Generic, s.Board.Kind);
        Assert.Equal("Dell Inc. OptiPlex 7070", s.Board.Model);
        Assert.Equal("x86_pkg_temp", s.SocTemperature!.Type);
        Assert.Equal(45.0, s.SocCelsius);
        Assert.Equal(4_100_000, s.CpuFrequency.CurrentKHz);
        Assert.Null(s.UnderVoltage);
        Assert.Null(s.Fan);
        Assert.Null(s.Gpu);
        Assert.Null(s.Power);
        Assert.Equal(new LoadAverage(0.52, 0.58, 0.59), s.LoadAverage);
    }

    [Fact]
    public void Read_ConfiguredZoneType_WinsOverBoardPreference()
    {
        var s = Read(FixtureTrees.X86, zoneType: "acpitz");

        Assert.Equal("acpitz", s.SocTemperature!.Type);
        Assert.Equal(27.8, s.SocCelsius!.Value, 3);
    }

    [Fact]
    public void Read_NothingReadable_EverythingUnknownNoException()
    {
        var s = Read(FixtureTrees.Unreadable);

        Assert.Equal(BoardKind.Unknown, s.Board.Kind);
        Assert.Null(s.SocTemperature);
        Assert.All(s.Zones, z => Assert.Null(z.Celsius));
        Assert.Equal(CpuFrequencyReading.Unknown, s.CpuFrequency);
        Assert.Null(s.CpuFrequency.ThrottleRatio);
        Assert.Null(s.UnderVoltage);
        Assert.Null(s.Fan);
        Assert.Equal(new GpuReading("17000000.gpu", null, null, null), s.Gpu);
        Assert.Null(s.Power);
        Assert.Equal(MemoryReading.Unknown, s.Memory);
        Assert.Null(s.Memory.EffectiveAvailableBytes);
        Assert.Null(s.LoadAverage);
    }

    [Theory]
    [InlineData("/nonexistent/edgerouter-root")]
    [InlineData("")]
    public void Read_MissingOrEmptyRoot_EverythingUnknown(string root)
    {
        var dir = root.Length > 0 ? root : Directory.CreateTempSubdirectory("edgerouter-empty-").FullName;
        try
        {
            var s = new TelemetryReader(new TelemetryOptions { Root = dir }, _time).Read();

            Assert.Equal(BoardInfo.Unknown, s.Board);
            Assert.Empty(s.Zones);
            Assert.Null(s.SocTemperature);
            Assert.Null(s.Gpu);
            Assert.Equal(MemoryReading.Unknown, s.Memory);
        }
        finally
        {
            if (root.Length == 0)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
