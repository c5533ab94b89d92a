using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

internal static unsafe partial class LlamaNative
{
    /// <summary>Width of the vectors the context outputs (n_embd, or the projection's width when the model has one).</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_model_n_embd_out(LlamaModelHandle model);

    /// <summary>True only for encoder-decoder or encoder-only graphs that need llama_encode (T5); BERT decodes.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_model_has_encoder(LlamaModelHandle model);

    /// <summary>The pooling the context applies: its own parameter, or the model's when that was unspecified.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaPoolingType llama_pooling_type(LlamaContextHandle context);

    /// <summary>The pooled vector of a sequence after a decode (n_embd_out floats); NULL without pooling.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial float* llama_get_embeddings_seq(LlamaContextHandle context, int seqId);

    /// <summary>Allocates token, pos, n_seq_id, seq_id (n_seq_max ids per token) and logits for n_tokens.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaBatch llama_batch_init(int nTokens, int embd, int nSeqMax);

    /// <summary>Only from <see cref="LlamaBatchHandle"/>, which calls it once.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_batch_free(LlamaBatch batch);

    /// <summary>Runs the batch through the encoder without KV memory: the whole batch must fit n_ubatch.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaDecodeStatus llama_encode(LlamaContextHandle context, LlamaBatch batch);
}
