using EdgeRouter.Inference;
using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

/// <summary>Builds the per-request llama_sampler chain; the caller frees it with llama_sampler_free.</summary>
internal static class SamplerChain
{
    /// <summary>Temperature &lt;= 0: the engine picks the most likely token itself (<see cref="GreedyPick"/>), with no chain.</summary>
    public static bool IsGreedy(SamplingOptions sampling) => sampling.Temperature <= 0f;

    /// <summary>
    /// For temperature &gt; 0, the usual llama.cpp order: top_k, top_p, min_p narrow the
    /// candidates, temp rescales, dist draws (seed null = random per request). Neutral settings are left out.
    /// </summary>
    public static IntPtr Create(SamplingOptions sampling)
    {
        var chain = LlamaNative.llama_sampler_chain_init(LlamaNative.llama_sampler_chain_default_params());
        if (chain == IntPtr.Zero)
        {
            throw new LlamaException("llama_sampler_chain_init failed.");
        }

        if (sampling.TopK > 0)
        {
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_top_k(sampling.TopK));
        }

        if (sampling.TopP is > 0f and < 1f)
        {
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_top_p(sampling.TopP, 1));
        }

        if (sampling.MinP is > 0f and <= 1f)
        {
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_min_p(sampling.MinP, 1));
        }

        LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_temp(sampling.Temperature));
        LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_dist(sampling.Seed ?? LlamaNative.DefaultSeed));
        return chain;
    }
}
