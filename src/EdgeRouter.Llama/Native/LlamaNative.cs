using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// Source-generated P/Invoke into libllama 0.5.0. Signatures follow include/llama.h of the pinned release;
/// every by-value struct is blittable because runtime marshalling is disabled for this assembly.
/// </summary>
internal static unsafe partial class LlamaNative
{
    public const uint DefaultSeed = 0xFFFFFFFF;

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial byte* llama_version();

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial byte* llama_print_system_info();

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_backend_init();

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_log_set(delegate* unmanaged<GgmlLogLevel, byte*, void*, void> callback, void* userData);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaModelParams llama_model_default_params();

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaContextParams llama_context_default_params();

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerChainParams llama_sampler_chain_default_params();
}
