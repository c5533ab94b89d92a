namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// Memory in bytes: the system's (/proc/meminfo) and, when the process runs in a cgroup v2 with a limit (systemd
/// MemoryMax=), that limit and the cgroup's current use. Any part may be unknown.
/// </summary>
public sealed record MemoryReading(long? TotalBytes, long? AvailableBytes, long? CgroupLimitBytes, long? CgroupCurrentBytes)
{
    public static MemoryReading Unknown { get; } = new(null, null, null, null);

    /// <summary>What a new allocation can really get: MemAvailable, capped by the cgroup limit's headroom.</summary>
    public long? EffectiveAvailableBytes
    {
        get
        {
            long? headroom = CgroupLimitBytes is { } limit ? Math.Max(0, limit - (CgroupCurrentBytes ?? 0)) : null;
            return (AvailableBytes, headroom) switch
            {
                ({ } a, { } h) => Math.Min(a, h),
                ({ } a, null) => a,
                (null, { } h) => h,
                _ => null,
            };
        }
    }

    /// <summary>Which limit <see cref="EffectiveAvailableBytes"/> came from, for messages.</summary>
    public string EffectiveAvailableSource =>
        CgroupLimitBytes is { } limit && (AvailableBytes is null || limit - (CgroupCurrentBytes ?? 0) < AvailableBytes)
            ? "the service's cgroup memory limit (MemoryMax) minus its current use"
            : "MemAvailable in /proc/meminfo";
}
