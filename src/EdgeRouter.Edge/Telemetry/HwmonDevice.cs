namespace EdgeRouter.Edge.Telemetry;

/// <summary>A hwmon device directory and its driver <c>name</c> (rpi_volt, pwmfan, ina3221, ...).</summary>
public sealed record HwmonDevice(string Name, string Directory)
{
    public const string PiVoltage = "rpi_volt";
    public const string PwmFan = "pwmfan";
    public const string Ina3221 = "ina3221";

    /// <summary>Every /sys/class/hwmon/hwmon* with a readable name, plus INA3221 chips bound under i2c (older layouts).</summary>
    public static IReadOnlyList<HwmonDevice> Discover(SysfsRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var devices = new List<HwmonDevice>();
        foreach (var dir in root.ListDirectories("sys/class/hwmon", "hwmon*"))
        {
            if (root.ReadText(dir + "/name") is { Length: > 0 } name)
            {
                devices.Add(new HwmonDevice(name, dir));
            }
        }
        if (!devices.Any(static d => d.Name == Ina3221))
        {
            // The hwmonN index varies from boot to boot; glob it under the i2c driver.
            foreach (var chip in root.ListDirectories("sys/bus/i2c/drivers/ina3221", "*-*"))
            {
                foreach (var dir in root.ListDirectories(chip + "/hwmon", "hwmon*"))
                {
                    devices.Add(new HwmonDevice(root.ReadText(dir + "/name") ?? Ina3221, dir));
                }
            }
        }
        return devices;
    }
}
