using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

internal static unsafe partial class LlamaNative
{
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial IntPtr llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    /// <summary>The chain takes ownership of <paramref name="sampler"/>.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_sampler_chain_add(IntPtr chain, IntPtr sampler);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial IntPtr llama_sampler_init_dist(uint seed);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial IntPtr llama_sampler_init_temp(float t);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial IntPtr llama_sampler_init_top_k(int k);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial IntPtr llama_sampler_init_top_p(float p, nuint minKeep);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial IntPtr llama_sampler_init_min_p(float p, nuint minKeep);

    /// <summary>Samples from output <paramref name="idx"/> (-1 = last) and accepts the token into the chain.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_sampler_sample(IntPtr sampler, IntPtr context, int idx);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_sampler_free(IntPtr sampler);
}
