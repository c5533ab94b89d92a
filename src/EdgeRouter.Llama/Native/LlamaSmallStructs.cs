using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

/// <summary>struct llama_batch (56 bytes). Only stores pointers: the arrays must stay pinned during llama_decode.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaBatch
{
    public int n_tokens;
    public int* token;
    public float* embd;
    public int* pos;
    public int* n_seq_id;
    public int** seq_id;
    public sbyte* logits;
}

/// <summary>struct llama_sampler_chain_params (1 byte; default no_perf = true).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaSamplerChainParams
{
    public bool no_perf;
}

/// <summary>struct llama_chat_message (16 bytes): two NUL-terminated UTF-8 strings owned by the caller.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaChatMessage
{
    public byte* role;
    public byte* content;
}

/// <summary>struct llama_token_data (12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaTokenData
{
    public int id;
    public float logit;
    public float p;
}

/// <summary>struct llama_token_data_array (32 bytes); selected = -1 until a selecting sampler (dist, greedy) runs.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaTokenDataArray
{
    public LlamaTokenData* data;
    public nuint size;
    public long selected;
    public bool sorted;
}

/// <summary>struct llama_logit_bias (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaLogitBias
{
    public int token;
    public float bias;
}
