using EdgeRouter.Llama.Native;

namespace EdgeRouter.Tests.Llama.Native;

/// <summary>
/// Pins the struct layouts to the offsets gcc produced for llama.h 0.5.0 (shared/docs/llama-cpp-binding-facts.md §3):
/// a wrong field here corrupts every by-value call without any error.
/// </summary>
public sealed unsafe class NativeLayoutTests
{
    [Fact]
    public void Sizes_MatchLlamaH()
    {
        Assert.Equal(80, sizeof(LlamaModelParams));
        Assert.Equal(160, sizeof(LlamaContextParams));
        Assert.Equal(56, sizeof(LlamaBatch));
        Assert.Equal(1, sizeof(LlamaSamplerChainParams));
        Assert.Equal(16, sizeof(LlamaChatMessage));
        Assert.Equal(16, sizeof(GgmlBackendFeature));
        Assert.Equal(528, sizeof(GgmlThreadpoolParams));
    }

    [Fact]
    public void DecodeStatus_MatchesLlamaH()
    {
        Assert.Equal(0, (int)LlamaDecodeStatus.Ok);
        Assert.Equal(1, (int)LlamaDecodeStatus.NoKvSlot);
        Assert.Equal(2, (int)LlamaDecodeStatus.Aborted);
        Assert.Equal(-1, (int)LlamaDecodeStatus.InvalidBatch);
    }

    [Fact]
    public void ThreadpoolParams_Offsets()
    {
        var p = default(GgmlThreadpoolParams);
        var origin = (byte*)&p;

        Assert.Equal(512, (byte*)&p.n_threads - origin);
        Assert.Equal(516, (byte*)&p.prio - origin);
        Assert.Equal(520, (byte*)&p.poll - origin);
        Assert.Equal(524, (byte*)&p.strict_cpu - origin);
        Assert.Equal(525, (byte*)&p.paused - origin);
    }

    [Fact]
    public void ModelParams_Offsets()
    {
        var p = default(LlamaModelParams);
        var origin = (byte*)&p;

        Assert.Equal(16, (byte*)&p.n_gpu_layers - origin);
        Assert.Equal(24, (byte*)&p.load_mode - origin);
        Assert.Equal(32, (byte*)&p.main_gpu - origin);
        Assert.Equal(48, (byte*)&p.progress_callback - origin);
        Assert.Equal(56, (byte*)&p.progress_callback_user_data - origin);
        Assert.Equal(64, (byte*)&p.kv_overrides - origin);
        Assert.Equal(72, (byte*)&p.vocab_only - origin);
        Assert.Equal(74, (byte*)&p.use_extra_bufts - origin);
        Assert.Equal(77, (byte*)&p.load_mtp - origin);
    }

    [Fact]
    public void ContextParams_Offsets()
    {
        var p = default(LlamaContextParams);
        var origin = (byte*)&p;

        Assert.Equal(28, (byte*)&p.n_threads - origin);
        Assert.Equal(32, (byte*)&p.n_threads_batch - origin);
        Assert.Equal(52, (byte*)&p.flash_attn_type - origin);
        Assert.Equal(88, (byte*)&p.cb_eval - origin);
        Assert.Equal(104, (byte*)&p.type_k - origin);
        Assert.Equal(112, (byte*)&p.abort_callback - origin);
        Assert.Equal(120, (byte*)&p.abort_callback_data - origin);
        Assert.Equal(128, (byte*)&p.embeddings - origin);
        Assert.Equal(130, (byte*)&p.no_perf - origin);
        Assert.Equal(133, (byte*)&p.kv_unified - origin);
        Assert.Equal(136, (byte*)&p.samplers - origin);
        Assert.Equal(144, (byte*)&p.n_samplers - origin);
        Assert.Equal(152, (byte*)&p.ctx_other - origin);
    }

    [Fact]
    public void Batch_Offsets()
    {
        var b = default(LlamaBatch);
        var origin = (byte*)&b;

        Assert.Equal(8, (byte*)&b.token - origin);
        Assert.Equal(48, (byte*)&b.logits - origin);
    }
}
