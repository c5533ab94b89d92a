namespace EdgeRouter.Edge.Memory;

/// <summary>
/// What sizes the KV cache, from the GGUF metadata: <c>{arch}.block_count</c> (layers),
/// <c>{arch}.attention.head_count_kv</c>, and the key/value head dimensions (<c>{arch}.attention.key_length</c> /
/// <c>value_length</c>, else <c>embedding_length / head_count</c>).
/// </summary>
public sealed record KvCacheShape(int Layers, int KvHeads, int KeyLength, int ValueLength)
{
    /// <summary>Builds the shape from raw metadata; null when the metadata is too incomplete to compute it.</summary>
    public static KvCacheShape? FromMetadata(long? blockCount, long? headCount, long? headCountKv, long? embeddingLength,
        long? keyLength = null, long? valueLength = null)
    {
        if (blockCount is not > 0)
        {
            return null;
        }
        var kvHeads = headCountKv is > 0 ? headCountKv : headCount;
        long? headDim = headCount is > 0 && embeddingLength is > 0 ? embeddingLength / headCount : null;
        var k = keyLength is > 0 ? keyLength : headDim;
        var v = valueLength is > 0 ? valueLength : headDim;
        if (kvHeads is not > 0 || k is not > 0 || v is not > 0)
        {
            return null;
        }
        return new KvCacheShape(checked((int)blockCount.Value), checked((int)kvHeads.Value), checked((int)k.Value), checked((int)v.Value));
    }

    /// <summary>KV elements per token: layers × kv heads × (key + value length).</summary>
    public long ElementsPerToken => (long)Layers * KvHeads * (KeyLength + (long)ValueLength);
}
