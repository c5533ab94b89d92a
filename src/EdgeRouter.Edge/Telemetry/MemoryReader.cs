using System.Globalization;

namespace EdgeRouter.Edge.Telemetry;

/// <summary>Reads /proc/meminfo (kB) and the own cgroup v2's memory.max / memory.current (bytes).</summary>
public sealed class MemoryReader
{
    private readonly SysfsRoot _root;
    private readonly string? _cgroupDir;

    public MemoryReader(SysfsRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root;
        _cgroupDir = FindCgroup(root);
    }

    public MemoryReading Read()
    {
        long? total = null, available = null;
        if (_root.ReadText("proc/meminfo") is { } meminfo)
        {
            foreach (var line in meminfo.Split('\n'))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                {
                    total = ParseKiloBytes(line);
                }
                else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    available = ParseKiloBytes(line);
                }
            }
        }
        long? limit = null, current = null;
        if (_cgroupDir is not null)
        {
            // "max" means no limit and does not parse: null, as intended.
            limit = _root.ReadInt64(_cgroupDir + "/memory.max");
            current = _root.ReadInt64(_cgroupDir + "/memory.current");
        }
        return new MemoryReading(total, available, limit, current);
    }

    internal static long? ParseKiloBytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }

    /// <summary>The unified hierarchy entry "0::/system.slice/edgerouter.service" of /proc/self/cgroup, if it has memory files.</summary>
    private static string? FindCgroup(SysfsRoot root)
    {
        if (root.ReadText("proc/self/cgroup") is not { } text)
        {
            return null;
        }
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("0::", StringComparison.Ordinal))
            {
                var dir = "sys/fs/cgroup" + line[3..].Trim().TrimEnd('/');
                return root.FileExists(dir + "/memory.max") ? dir : null;
            }
        }
        return null;
    }
}
