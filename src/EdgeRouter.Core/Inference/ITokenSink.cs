namespace EdgeRouter.Core.Inference;

/// <summary>
/// Receives generated text as it is produced. Called on the inference thread, so it must not block for long;
/// pieces are always whole UTF-8 characters (never a split multi-byte sequence).
/// </summary>
public interface ITokenSink
{
    void OnText(ReadOnlySpan<char> text);

    /// <summary>Called after every sampled token, so the gate can estimate the remaining time.</summary>
    void OnProgress(int generatedTokens);

    /// <summary>
    /// Only for requests with <see cref="GenerationRequest.Logprobs"/>: called per emitted token, before the text it
    /// produces reaches <see cref="OnText"/> (a stop string's tokens are reported but their text never comes).
    /// </summary>
    void OnLogprobs(TokenLogprobs logprobs)
    {
    }
}
