using System.Globalization;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// Default thread count. ggml's matmuls gain nothing from SMT siblings (they share the SIMD units), so physical
/// cores are the sweet spot; llama.cpp's own default of 4 is wrong on both a 2-core VM and an 8-core board.
/// </summary>
internal static class PhysicalCores
{
    public static int Detect()
    {
        var logical = Environment.ProcessorCount;
        try
        {
            if (File.Exists("/proc/cpuinfo") && Parse(File.ReadAllText("/proc/cpuinfo")) is { } physical)
            {
                // ProcessorCount already honours affinity and cgroup quotas; never exceed it.
                return Math.Clamp(physical, 1, logical);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return logical;
    }

    /// <summary>
    /// Distinct (physical id, core id) pairs; null when the file lacks them (ARM kernels print neither), so the
    /// caller falls back to the logical count.
    /// </summary>
    internal static int? Parse(string cpuinfo)
    {
        var cores = new HashSet<(int Package, int Core)>();
        int? package = null;
        int? core = null;
        foreach (var rawLine in cpuinfo.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                Commit();
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "physical id" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p))
            {
                package = p;
            }
            else if (key == "core id" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c))
            {
                core = c;
            }
        }

        Commit();
        return cores.Count > 0 ? cores.Count : null;

        void Commit()
        {
            if (package is { } pk && core is { } cr)
            {
                cores.Add((pk, cr));
            }

            package = null;
            core = null;
        }
    }
}
