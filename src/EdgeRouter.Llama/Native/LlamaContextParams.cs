using System.Runtime.InteropServices;
using EdgeRouter.Gguf;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// struct llama_context_params of llama.cpp 0.5.0: 160 bytes on LP64; offsets are pinned by a layout test.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaContextParams
{
    public uint n_ctx;
    public uint n_batch;
    public uint n_ubatch;
    public uint n_seq_max;
    public uint n_rs_seq;
    public uint n_outputs_max;
    public uint n_outputs_max_per_seq;
    public int n_threads;
    public int n_threads_batch;
    public LlamaContextType ctx_type;
    public LlamaRopeScalingType rope_scaling_type;
    public LlamaPoolingType pooling_type;
    public LlamaAttentionType attention_type;
    public LlamaFlashAttnType flash_attn_type;
    public float rope_freq_base;
    public float rope_freq_scale;
    public float yarn_ext_factor;
    public float yarn_attn_factor;
    public float yarn_beta_fast;
    public float yarn_beta_slow;
    public uint yarn_orig_ctx;
    public float defrag_thold;
    public IntPtr cb_eval;
    public IntPtr cb_eval_user_data;
    public GgmlType type_k;
    public GgmlType type_v;
    public delegate* unmanaged<void*, byte> abort_callback;
    public void* abort_callback_data;
    public bool embeddings;
    public bool offload_kqv;
    public bool no_perf;
    public bool op_offload;
    public bool swa_full;
    public bool kv_unified;
    public IntPtr samplers;
    public nuint n_samplers;
    public IntPtr ctx_other;
}
