namespace EdgeRouter.Bench;

internal static class Percentiles
{
    /// <summary>Nearest-rank percentile of microsecond samples; -1 when there are none.</summary>
    public static long Of(List<long> sorted, double p) =>
        sorted.Count == 0 ? -1 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
