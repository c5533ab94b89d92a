using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

internal static unsafe partial class LlamaNative
{
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaContextHandle llama_init_from_model(LlamaModelHandle model, LlamaContextParams parameters);

    /// <summary>Only from <see cref="LlamaContextHandle"/>, which calls it once.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_free(IntPtr context);

    /// <summary>Makes the context compute on these pools instead of creating and joining threads per graph.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_attach_threadpool(
        LlamaContextHandle context, GgmlThreadpool threadpool, GgmlThreadpool threadpoolBatch);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial uint llama_n_ctx(LlamaContextHandle context);

    /// <summary>The logits of output <paramref name="i"/> (-1 = last), n_vocab floats; NULL for an invalid index.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial float* llama_get_logits_ith(LlamaContextHandle context, int i);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial uint llama_n_batch(LlamaContextHandle context);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial IntPtr llama_get_memory(LlamaContextHandle context);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_memory_clear(IntPtr memory, [MarshalAs(UnmanagedType.U1)] bool data);

    /// <summary>Removes [p0, p1) of a sequence; false when a partial removal is unsupported (recurrent/SWA memory).</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_memory_seq_rm(IntPtr memory, int seqId, int p0, int p1);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_memory_seq_pos_max(IntPtr memory, int seqId);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaBatch llama_batch_get_one(int* tokens, int nTokens);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaDecodeStatus llama_decode(LlamaContextHandle context, LlamaBatch batch);
}
