namespace EdgeRouter.Llama.Native;

/// <summary>
/// What llama_decode and llama_encode return (int32_t in llama.h). Every value below <see cref="InvalidBatch"/> is
/// a fatal error (-2 out of memory, -3 the graph failed). After a fatal error or <see cref="Aborted"/>,
/// llama_decode leaves the micro-batches it finished in the memory; after the others the memory is as before.
/// </summary>
internal enum LlamaDecodeStatus
{
    /// <summary>The batch was malformed: no tokens, a bad sequence id or position, or outputs pooling cannot use.</summary>
    InvalidBatch = -1,

    Ok = 0,

    /// <summary>llama_decode only, a warning: the KV memory has no room for the batch.</summary>
    NoKvSlot = 1,

    /// <summary>The abort callback returned true.</summary>
    Aborted = 2,
}
