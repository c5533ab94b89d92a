namespace EdgeRouter.Llama.Engine;

/// <summary>
/// Element type of the KV cache (llama_context_params type_k and type_v). A quantized cache holds about twice
/// (q8_0) or three and a half times (q4_0) the tokens of f16 in the same memory, at a small quality cost.
/// </summary>
public enum LlamaKvCacheType
{
    F16,
    Q8_0,
    Q4_0,
}
