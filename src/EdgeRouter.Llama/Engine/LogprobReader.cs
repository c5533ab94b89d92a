using System.Text;
using System.Text.Unicode;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// Log-probabilities as llama-server reports them by default (post_sampling_probs off): a softmax over the raw
/// logits of the whole vocabulary, so penalties, biases, temperature, truncation and grammar do not change them.
/// Only requests that ask pay for it: a pass over the logits and a few strings per token.
/// </summary>
internal sealed class LogprobReader(TokenPieceReader pieces)
{
    private readonly int[] _top = new int[GenerationRequest.MaxTopLogprobs];

    public TokenLogprobs Read(ReadOnlySpan<float> logits, int chosen, int topCount)
    {
        var logSum = LogSumExp(logits);
        var count = TopTokens(logits, Math.Clamp(topCount, 0, _top.Length));
        var top = new TokenProbability[count];
        for (var i = 0; i < count; i++)
        {
            top[i] = Probability(_top[i], logits[_top[i]] - logSum);
        }
        return new TokenLogprobs(Probability(chosen, logits[chosen] - logSum), top);
    }

    private TokenProbability Probability(int token, float logprob)
    {
        var bytes = pieces.Bytes(token);
        // Like llama-server: a piece that ends inside a character shows its complete part; the bytes carry the rest.
        var valid = bytes.Length;
        while (valid > 0 && !Utf8.IsValid(bytes.AsSpan(0, valid)))
        {
            valid--;
        }
        return new TokenProbability(token, Encoding.UTF8.GetString(bytes, 0, valid), bytes, logprob);
    }

    private static float LogSumExp(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }
        var sum = 0d;
        foreach (var logit in logits)
        {
            sum += Math.Exp(logit - max);
        }
        return (float)(max + Math.Log(sum));
    }

    /// <summary>The <paramref name="count"/> largest logits, best first (ties: lower id first), by insertion into a short list.</summary>
    private int TopTokens(ReadOnlySpan<float> logits, int count)
    {
        var filled = 0;
        for (var id = 0; id < logits.Length && count > 0; id++)
        {
            if (filled == count && !(logits[id] > logits[_top[filled - 1]]))
            {
                continue;
            }
            var at = filled == count ? count - 1 : filled++;
            while (at > 0 && logits[id] > logits[_top[at - 1]])
            {
                _top[at] = _top[at - 1];
                at--;
            }
            _top[at] = id;
        }
        return filled;
    }
}
