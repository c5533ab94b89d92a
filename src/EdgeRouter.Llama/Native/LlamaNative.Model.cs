using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

internal static unsafe partial class LlamaNative
{
    [LibraryImport(NativeLibraryNames.Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LlamaModelHandle llama_model_load_from_file(string pathModel, LlamaModelParams parameters);

    /// <summary>Only from <see cref="LlamaModelHandle"/>, which calls it once.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_model_free(IntPtr model);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial IntPtr llama_model_get_vocab(LlamaModelHandle model);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial ulong llama_model_n_params(LlamaModelHandle model);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_model_n_ctx_train(LlamaModelHandle model);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_model_ftype(LlamaModelHandle model);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial byte* llama_ftype_name(int ftype);

    [LibraryImport(NativeLibraryNames.Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int llama_model_meta_val_str(LlamaModelHandle model, string key, byte* buf, nuint bufSize);

    /// <summary>Returns a model-owned string, or NULL when the GGUF has no tokenizer.chat_template.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial byte* llama_model_chat_template(LlamaModelHandle model, byte* name);

    /// <summary>Returns the formatted length in bytes (may exceed <paramref name="length"/>); -1 for an unknown template.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_chat_apply_template(
        byte* tmpl, LlamaChatMessage* chat, nuint nMsg, [MarshalAs(UnmanagedType.U1)] bool addAss, byte* buf, int length);
}
