namespace EdgeRouter.Edge.Memory;

/// <summary>How conservatively the memory guard sizes a model load.</summary>
public sealed record MemoryGuardOptions
{
    /// <summary>
    /// Extra room for llama.cpp's compute buffers, the router itself and the OS.
    /// <value>The default value is 256 MiB.</value>
    /// </summary>
    public long MarginBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Bytes per KV element. <value>The default value is 2 (f16, llama.cpp's default cache type).</value></summary>
    public double KvBytesPerElement { get; init; } = 2;

    /// <summary>
    /// When the metadata does not give the KV shape: KV bytes assumed per 4096 tokens, as a fraction of the model file.
    /// Grouped-query models need about 0.1; older multi-head 7B models about 0.5. <value>The default value is 0.5.</value>
    /// </summary>
    public double EstimatedKvFractionPer4096Tokens { get; init; } = 0.5;

    public void Validate()
    {
        if (MarginBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MarginBytes), MarginBytes, "must be >= 0");
        }
        if (KvBytesPerElement is <= 0 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(KvBytesPerElement), KvBytesPerElement, "must be in (0, 8]");
        }
        if (EstimatedKvFractionPer4096Tokens is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(EstimatedKvFractionPer4096Tokens), EstimatedKvFractionPer4096Tokens, "must be in [0, 10]");
        }
    }
}
