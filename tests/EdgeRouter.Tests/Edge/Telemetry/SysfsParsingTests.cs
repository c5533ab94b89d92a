using EdgeRouter.Edge.Telemetry;

namespace EdgeRouter.Tests.Edge.Telemetry;

public sealed class SysfsParsingTests
{
    [Theory]
    [InlineData("Raspberry Pi 5 Model B Rev 1.0", "", BoardKind.RaspberryPi5)]
    [InlineData("Raspberry Pi 500 Rev 1.0", "", BoardKind.RaspberryPi5)]
    [InlineData("Raspberry Pi Compute Module 5 Rev 1.0", "", BoardKind.RaspberryPi5)]
    [InlineData("Raspberry Pi 4 Model B Rev 1.4", "", BoardKind.RaspberryPi4)]
    [InlineData("Raspberry Pi 400 Rev 1.0", "", BoardKind.RaspberryPi4)]
    [InlineData("Raspberry Pi 3 Model B Plus Rev 1.3", "", BoardKind.RaspberryPiOther)]
    [InlineData("NVIDIA Jetson AGX Orin Developer Kit", "", BoardKind.Jetson)]
    [InlineData("", "nvidia,tegra234", BoardKind.Jetson)]
    [InlineData("", "brcm,bcm2712", BoardKind.RaspberryPi5)]
    [InlineData("Radxa ROCK 5B", "radxa,rock-5b", BoardKind.Generic)]
    [InlineData("", "", BoardKind.Unknown)]
    public void Classify_ModelAndCompatible(string model, string compatible, BoardKind expected)
    {
        var kind = BoardDetector.Classify(model.Length == 0 ? null : model, compatible.Length == 0 ? [] : [compatible]);

        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic", "R36.4.3")]
    [InlineData("# R35 (release), REVISION: 5.0, GCID: 35550185", "R35.5.0")]
    [InlineData("# R32", "R32")]
    [InlineData("garbage", null)]
    [InlineData(null, null)]
    public void ParseL4tRelease(string? text, string? expected) => Assert.Equal(expected, BoardDetector.ParseL4tRelease(text));

    [Theory]
    [InlineData("thermal_zone12", 12)]
    [InlineData("hwmon3", 3)]
    [InlineData("policy", -1)]
    public void TrailingNumber(string name, int expected) => Assert.Equal(expected, SysfsRoot.TrailingNumber(name));

    [Fact]
    public void ListDirectories_OrdersNumerically()
    {
        var root = Directory.CreateTempSubdirectory("edgerouter-sort-").FullName;
        try
        {
            foreach (var i in new[] { 10, 2, 1 })
            {
                Directory.CreateDirectory(Path.Join(root, "sys/class/thermal", $"thermal_zone{i}"));
            }
            var dirs = new SysfsRoot(root).ListDirectories("sys/class/thermal", "thermal_zone*");

            Assert.Equal(["sys/class/thermal/thermal_zone1", "sys/class/thermal/thermal_zone2", "sys/class/thermal/thermal_zone10"], dirs);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ListDirectories_FollowsSymlinksLikeSysClass()
    {
        var root = Directory.CreateTempSubdirectory("edgerouter-link-").FullName;
        try
        {
            var real = Directory.CreateDirectory(Path.Join(root, "sys/devices/virtual/thermal/thermal_zone0")).FullName;
            File.WriteAllText(Path.Join(real, "temp"), "42000\n");
            Directory.CreateDirectory(Path.Join(root, "sys/class/thermal"));
            Directory.CreateSymbolicLink(Path.Join(root, "sys/class/thermal/thermal_zone0"), real);
            var sysfs = new SysfsRoot(root);

            Assert.Equal(["sys/class/thermal/thermal_zone0"], sysfs.ListDirectories("sys/class/thermal", "thermal_zone*"));
            Assert.Equal(42000, sysfs.ReadInt64("sys/class/thermal/thermal_zone0/temp"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
