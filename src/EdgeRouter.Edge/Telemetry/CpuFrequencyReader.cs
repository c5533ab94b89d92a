namespace EdgeRouter.Edge.Telemetry;

/// <summary>Reads cpufreq policies (/sys/devices/system/cpu/cpufreq/policy*), falling back to cpu0/cpufreq.</summary>
public sealed class CpuFrequencyReader
{
    private readonly SysfsRoot _root;
    private readonly string[] _policies;

    public CpuFrequencyReader(SysfsRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root;
        var policies = root.ListDirectories("sys/devices/system/cpu/cpufreq", "policy*").ToList();
        if (policies.Count == 0 && root.FileExists("sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq"))
        {
            policies.Add("sys/devices/system/cpu/cpu0/cpufreq");
        }
        _policies = [.. policies];
    }

    public int PolicyCount => _policies.Length;

    public CpuFrequencyReading Read()
    {
        long? current = null, max = null, scalingMax = null;
        foreach (var policy in _policies)
        {
            current = Max(current, _root.ReadInt64(policy + "/scaling_cur_freq"));
            max = Max(max, _root.ReadInt64(policy + "/cpuinfo_max_freq"));
            scalingMax = Max(scalingMax, _root.ReadInt64(policy + "/scaling_max_freq"));
        }
        return new CpuFrequencyReading(current, max, scalingMax);
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
