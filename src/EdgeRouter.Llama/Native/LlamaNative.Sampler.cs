using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

internal static unsafe partial class LlamaNative
{
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    /// <summary>The chain takes ownership of <paramref name="sampler"/>: call it through <see cref="LlamaSamplerHandle.Add"/>.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_sampler_chain_add(LlamaSamplerHandle chain, LlamaSamplerHandle sampler);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_dist(uint seed);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_temp(float t);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_top_k(int k);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_top_p(float p, nuint minKeep);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_min_p(float p, nuint minKeep);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_greedy();

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_typical(float p, nuint minKeep);

    /// <summary>penalty_last_n: 0 = off, -1 = context size; penalty_repeat 1 = off; freq and present 0 = off.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_penalties(
        int penaltyLastN, float penaltyRepeat, float penaltyFreq, float penaltyPresent);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_logit_bias(int nVocab, int nLogitBias, LlamaLogitBias* logitBias);

    /// <summary>Returns an invalid handle (NULL) when the grammar text does not parse (llama.cpp logs why).</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_grammar(IntPtr vocab, byte* grammarStr, byte* grammarRoot);

    /// <summary>Free until a trigger pattern (regex, matched from the start of the output) or trigger token appears.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial LlamaSamplerHandle llama_sampler_init_grammar_lazy_patterns(
        IntPtr vocab, byte* grammarStr, byte* grammarRoot, byte** triggerPatterns, nuint numTriggerPatterns,
        int* triggerTokens, nuint numTriggerTokens);

    /// <summary>Runs the sampler over <paramref name="candidates"/> in place (a grammar sets rejected logits to -inf).</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_sampler_apply(LlamaSamplerHandle sampler, LlamaTokenDataArray* candidates);

    /// <summary>Advances the sampler's state past <paramref name="token"/>. A grammar aborts the process on a token it does not allow.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_sampler_accept(LlamaSamplerHandle sampler, int token);

    /// <summary>Samples from output <paramref name="idx"/> (-1 = last) and accepts the token into the chain.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_sampler_sample(LlamaSamplerHandle sampler, LlamaContextHandle context, int idx);

    /// <summary>Only from <see cref="LlamaSamplerHandle"/>, which calls it once.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial void llama_sampler_free(IntPtr sampler);
}
