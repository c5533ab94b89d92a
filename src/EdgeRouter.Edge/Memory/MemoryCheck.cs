namespace EdgeRouter.Edge.Memory;

/// <summary>The memory guard's verdict and its arithmetic.</summary>
/// <param name="Fits">False only when the need is known to exceed what is available.</param>
/// <param name="AvailableBytes">Null when no memory figure was readable (then <see cref="Fits"/> is true: we cannot judge).</param>
/// <param name="KvEstimated">True when the KV cache was estimated from the file size, not computed from metadata.</param>
/// <param name="Message">One line for the log, /readyz and the check command.</param>
public sealed record MemoryCheck(
    bool Fits,
    long RequiredBytes,
    long ModelBytes,
    long KvCacheBytes,
    bool KvEstimated,
    long MarginBytes,
    long? AvailableBytes,
    string Message);
