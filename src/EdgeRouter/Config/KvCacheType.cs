namespace EdgeRouter.Host.Config;

/// <summary>model.kvCacheType: the KV cache's element type, as llama.cpp names it (f16, q8_0, q4_0).</summary>
public enum KvCacheType
{
    F16,
    Q8_0,
    Q4_0,
}

internal static class KvCacheTypes
{
    public static IReadOnlyList<string> Names { get; } = ["f16", "q8_0", "q4_0"];

    public static string Name(this KvCacheType type) => Names[(int)type];

    /// <summary>
    /// Bytes per cached element, for the memory guard: ggml's block sizes (q8_0 stores 32 values in 34 bytes, q4_0 in 18).
    /// </summary>
    public static double BytesPerElement(this KvCacheType type) => type switch
    {
        KvCacheType.Q8_0 => 34.0 / 32,
        KvCacheType.Q4_0 => 18.0 / 32,
        _ => 2,
    };
}
