namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// Jetson power monitors (INA3221, hwmon driver): per channel N, <c>inN_label</c>, <c>inN_input</c> (mV) and
/// <c>currN_input</c> (mA). Channels labelled "NC" (not connected) and channel 7 (the sum of shunt voltages) are skipped.
/// </summary>
public sealed class PowerRailReader
{
    private readonly SysfsRoot _root;
    private readonly (string Label, string Directory, int Channel)[] _channels;

    public PowerRailReader(SysfsRoot root, IReadOnlyList<HwmonDevice> hwmon)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(hwmon);
        _root = root;
        var channels = new List<(string, string, int)>();
        foreach (var device in hwmon.Where(static d => d.Name == HwmonDevice.Ina3221))
        {
            foreach (var file in root.ListFiles(device.Directory, "in*_label"))
            {
                var channel = SysfsRoot.TrailingNumber(file[..^"_label".Length]);
                var label = root.ReadText(device.Directory + "/" + file);
                if (channel is < 0 or 7 || string.IsNullOrEmpty(label) || label.Contains("NC", StringComparison.Ordinal))
                {
                    continue;
                }
                channels.Add((label, device.Directory, channel));
            }
        }
        _channels = [.. channels];
    }

    public bool IsPresent => _channels.Length > 0;

    public PowerRailsReading? Read()
    {
        if (_channels.Length == 0)
        {
            return null;
        }
        var rails = new PowerRail[_channels.Length];
        for (var i = 0; i < rails.Length; i++)
        {
            var (label, dir, n) = _channels[i];
            rails[i] = new PowerRail(label, _root.ReadInt64($"{dir}/in{n}_input"), _root.ReadInt64($"{dir}/curr{n}_input"));
        }
        return new PowerRailsReading(rails);
    }
}
