namespace EdgeRouter.Edge.Memory;

/// <summary>A model about to be loaded.</summary>
/// <param name="Name">File or model name, for the message.</param>
/// <param name="FileBytes">Size of the GGUF file: the weights llama.cpp maps.</param>
/// <param name="ContextLength">n_ctx, tokens the KV cache is allocated for.</param>
/// <param name="Shape">KV shape from the metadata, or null to estimate from the file size.</param>
public sealed record ModelMemoryRequest(string Name, long FileBytes, int ContextLength, KvCacheShape? Shape);
