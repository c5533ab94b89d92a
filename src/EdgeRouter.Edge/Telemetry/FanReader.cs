namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// Finds the fan once: a cooling device of type <c>pwm-fan</c> and/or a hwmon device named <c>pwmfan</c>. On a Pi 5
/// the firmware disables the fan node when no fan spun at boot, so "no fan" is a normal answer (null).
/// </summary>
public sealed class FanReader
{
    private readonly SysfsRoot _root;
    private readonly string? _coolingDevice;
    private readonly string? _hwmon;

    public FanReader(SysfsRoot root, IReadOnlyList<HwmonDevice> hwmon)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(hwmon);
        _root = root;
        _coolingDevice = root.ListDirectories(ThermalZoneReader.ThermalClass, "cooling_device*")
            .FirstOrDefault(dir => string.Equals(root.ReadText(dir + "/type"), "pwm-fan", StringComparison.Ordinal));
        _hwmon = hwmon.FirstOrDefault(static d => d.Name == HwmonDevice.PwmFan)?.Directory;
    }

    public bool IsPresent => _coolingDevice is not null || _hwmon is not null;

    public FanReading? Read()
    {
        if (!IsPresent)
        {
            return null;
        }
        return new FanReading(
            State: ReadInt(_coolingDevice, "cur_state"),
            MaxState: ReadInt(_coolingDevice, "max_state"),
            Rpm: ReadInt(_hwmon, "fan1_input"),
            Pwm: ReadInt(_hwmon, "pwm1"));
    }

    private int? ReadInt(string? dir, string file) =>
        dir is not null && _root.ReadInt64(dir + "/" + file) is { } v and >= int.MinValue and <= int.MaxValue ? (int)v : null;
}
