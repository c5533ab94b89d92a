namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// Raspberry Pi under-voltage from the rpi_volt hwmon device's <c>in0_lcrit_alarm</c> (0/1). The driver polls the
/// firmware every 2 s and clears the sticky bit, so 1 means "under-voltage within the last poll". The older
/// <c>get_throttled</c> attribute is deliberately not read: its first read logs a kernel deprecation warning.
/// </summary>
public sealed class UnderVoltageReader
{
    private readonly SysfsRoot _root;
    private readonly string? _alarmFile;

    public UnderVoltageReader(SysfsRoot root, IReadOnlyList<HwmonDevice> hwmon)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(hwmon);
        _root = root;
        _alarmFile = hwmon.FirstOrDefault(static d => d.Name == HwmonDevice.PiVoltage) is { } device
            ? device.Directory + "/in0_lcrit_alarm"
            : null;
    }

    public bool IsPresent => _alarmFile is not null;

    /// <summary>True when under-voltage was flagged, false when the rail is fine, null when unknown or not a Pi.</summary>
    public bool? Read() => _alarmFile is null ? null : _root.ReadInt64(_alarmFile) switch
    {
        0 => false,
        1 => true,
        _ => null,
    };
}
