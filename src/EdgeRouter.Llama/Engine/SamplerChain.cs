using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

/// <summary>Builds the per-request llama_sampler chain; the caller owns and disposes it.</summary>
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
    /// <exception cref="LlamaException">llama.cpp could not create the chain or one of its samplers.</exception>
    public static LlamaSamplerHandle Create(SamplingOptions sampling, int vocabSize, int contextLength)
    {
        var chain = LlamaNative.llama_sampler_chain_init(LlamaNative.llama_sampler_chain_default_params());
        if (chain.IsInvalid)
        {
            chain.Dispose();
            throw new LlamaException("llama_sampler_chain_init failed.");
        }

        try
        {
            AddSamplers(chain, sampling, vocabSize, contextLength);
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    private static unsafe void AddSamplers(LlamaSamplerHandle chain, SamplingOptions sampling, int vocabSize, int contextLength)
    {
        if (sampling.LogitBias.Count > 0)
        {
            var biases = sampling.LogitBias
                .Where(b => b.Key >= 0 && b.Key < vocabSize)
                .Select(b => new LlamaLogitBias { token = b.Key, bias = b.Value <= -100f ? float.NegativeInfinity : b.Value })
                .ToArray();
            fixed (LlamaLogitBias* data = biases)
            {
                chain.Add(LlamaNative.llama_sampler_init_logit_bias(vocabSize, biases.Length, data));
            }
        }

        if (sampling.HasPenalties)
        {
            var lastN = sampling.RepeatLastN < 0 ? contextLength : sampling.RepeatLastN;
            chain.Add(LlamaNative.llama_sampler_init_penalties(
                lastN, sampling.RepeatPenalty, sampling.FrequencyPenalty, sampling.PresencePenalty));
        }

        if (IsGreedy(sampling))
        {
            chain.Add(LlamaNative.llama_sampler_init_greedy());
            return;
        }

        if (sampling.TopK > 0)
        {
            chain.Add(LlamaNative.llama_sampler_init_top_k(sampling.TopK));
        }

        if (sampling.TypicalP is > 0f and < 1f)
        {
            chain.Add(LlamaNative.llama_sampler_init_typical(sampling.TypicalP, 1));
        }

        if (sampling.TopP is > 0f and < 1f)
        {
            chain.Add(LlamaNative.llama_sampler_init_top_p(sampling.TopP, 1));
        }

        if (sampling.MinP is > 0f and <= 1f)
        {
            chain.Add(LlamaNative.llama_sampler_init_min_p(sampling.MinP, 1));
        }

        chain.Add(LlamaNative.llama_sampler_init_temp(sampling.Temperature));
        chain.Add(LlamaNative.llama_sampler_init_dist(sampling.Seed ?? LlamaNative.DefaultSeed));
    }
}
