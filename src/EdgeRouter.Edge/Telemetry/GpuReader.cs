namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// Finds the Jetson iGPU the way jtop does: a /sys/class/devfreq entry whose <c>device/of_node/name</c> is ga10b
/// (Orin), gv11b (Xavier), gp10b (TX2) or gpu; its <c>device/load</c> is the busy per-mille, <c>cur_freq</c> and
/// <c>max_freq</c> are Hz. Falls back to the load files known from JetPack 4-6 when devfreq is not readable.
/// </summary>
public sealed class GpuReader
{
    private static readonly string[] GpuNodeNames = ["ga10b", "gv11b", "gp10b", "gpu"];

    private static readonly string[] KnownLoadFiles =
    [
        "sys/devices/platform/bus@0/17000000.gpu/load",
        "sys/devices/platform/gpu.0/load",
        "sys/devices/platform/17000000.ga10b/load",
        "sys/devices/17000000.ga10b/load",
        "sys/devices/gpu.0/load",
    ];

    private readonly SysfsRoot _root;
    private readonly string? _name;
    private readonly string? _loadFile;
    private readonly string? _devfreq;

    public GpuReader(SysfsRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root;
        foreach (var entry in root.ListDirectories("sys/class/devfreq", "*"))
        {
            var node = root.ReadText(entry + "/device/of_node/name");
            if (node is not null && GpuNodeNames.Contains(node, StringComparer.Ordinal))
            {
                _devfreq = entry;
                _name = Path.GetFileName(entry);
                _loadFile = entry + "/device/load";
                return;
            }
        }
        _loadFile = KnownLoadFiles.FirstOrDefault(root.FileExists);
        _name = _loadFile is null ? null : Path.GetFileName(Path.GetDirectoryName(_loadFile));
    }

    public bool IsPresent => _name is not null;

    public GpuReading? Read()
    {
        if (_name is null)
        {
            return null;
        }
        var perMille = _loadFile is null ? null : _root.ReadInt64(_loadFile);
        return new GpuReading(
            _name,
            perMille is { } l ? Math.Clamp(l / 1000.0, 0, 1) : null,
            _devfreq is null ? null : _root.ReadInt64(_devfreq + "/cur_freq"),
            _devfreq is null ? null : _root.ReadInt64(_devfreq + "/max_freq"));
    }
}
