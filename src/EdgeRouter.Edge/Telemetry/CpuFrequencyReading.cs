namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// CPU clock in kHz, taken over all cpufreq policies (the fastest cluster on big.LITTLE).
/// </summary>
/// <param name="CurrentKHz"><c>scaling_cur_freq</c>.</param>
/// <param name="MaxKHz"><c>cpuinfo_max_freq</c>: what the silicon can do.</param>
/// <param name="ScalingMaxKHz"><c>scaling_max_freq</c>: the current cap (a cooling device or a user may lower it).</param>
public sealed record CpuFrequencyReading(long? CurrentKHz, long? MaxKHz, long? ScalingMaxKHz)
{
    public static CpuFrequencyReading Unknown { get; } = new(null, null, null);

    /// <summary>
    /// Current over maximum clock, 0..1. A low ratio while busy means throttling; while idle the governor lowers the
    /// clock anyway, so read it together with load and temperature.
    /// </summary>
    public double? ThrottleRatio => CurrentKHz is { } cur && MaxKHz is > 0 and { } max ? Math.Min(1.0, cur / (double)max) : null;
}
