using EdgeRouter.Inference;
using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

/// <summary>Builds the per-request llama_sampler chain; the caller frees it with llama_sampler_free.</summary>
internal static class SamplerChain
{
    /// <summary>Temperature &lt;= 0: always the most likely token.</summary>
    public static bool IsGreedy(SamplingOptions sampling) => sampling.Temperature <= 0f;

    /// <summary>
    /// Plain greedy needs no llama.cpp sampler: the engine picks the most likely token itself (<see cref="GreedyPick"/>).
    /// Penalties and logit biases change which token is most likely, so greedy with them goes through a chain.
    /// </summary>
    public static bool NeedsChain(SamplingOptions sampling) =>
        !IsGreedy(sampling) || sampling.HasPenalties || sampling.LogitBias.Count > 0;

    /// <summary>
    /// llama.cpp's common order: logit_bias and penalties reshape the logits, top_k, typical, top_p, min_p narrow the
    /// candidates, temp rescales, dist draws (seed null = random per request); greedy ends in argmax instead.
    /// Neutral settings are left out.
    /// </summary>
    public static unsafe IntPtr Create(SamplingOptions sampling, int vocabSize, int contextLength)
    {
        var chain = LlamaNative.llama_sampler_chain_init(LlamaNative.llama_sampler_chain_default_params());
        if (chain == IntPtr.Zero)
        {
            throw new LlamaException("llama_sampler_chain_init failed.");
        }

        if (sampling.LogitBias.Count > 0)
        {
            var biases = sampling.LogitBias
                .Where(b => b.Key >= 0 && b.Key < vocabSize)
                .Select(b => new LlamaLogitBias { token = b.Key, bias = b.Value <= -100f ? float.NegativeInfinity : b.Value })
                .ToArray();
            fixed (LlamaLogitBias* data = biases)
            {
                Add(chain, LlamaNative.llama_sampler_init_logit_bias(vocabSize, biases.Length, data));
            }
        }

        if (sampling.HasPenalties)
        {
            var lastN = sampling.RepeatLastN < 0 ? contextLength : sampling.RepeatLastN;
            Add(chain, LlamaNative.llama_sampler_init_penalties(
                lastN, sampling.RepeatPenalty, sampling.FrequencyPenalty, sampling.PresencePenalty));
        }

        if (IsGreedy(sampling))
        {
            Add(chain, LlamaNative.llama_sampler_init_greedy());
            return chain;
        }

        if (sampling.TopK > 0)
        {
            Add(chain, LlamaNative.llama_sampler_init_top_k(sampling.TopK));
        }

        if (sampling.TypicalP is > 0f and < 1f)
        {
            Add(chain, LlamaNative.llama_sampler_init_typical(sampling.TypicalP, 1));
        }

        if (sampling.TopP is > 0f and < 1f)
        {
            Add(chain, LlamaNative.llama_sampler_init_top_p(sampling.TopP, 1));
        }

        if (sampling.MinP is > 0f and <= 1f)
        {
            Add(chain, LlamaNative.llama_sampler_init_min_p(sampling.MinP, 1));
        }

        Add(chain, LlamaNative.llama_sampler_init_temp(sampling.Temperature));
        Add(chain, LlamaNative.llama_sampler_init_dist(sampling.Seed ?? LlamaNative.DefaultSeed));
        return chain;
    }

    private static void Add(IntPtr chain, IntPtr sampler)
    {
        if (sampler == IntPtr.Zero)
        {
            LlamaNative.llama_sampler_free(chain);
            throw new LlamaException("llama.cpp could not create a sampler.");
        }
        LlamaNative.llama_sampler_chain_add(chain, sampler);
    }
}
