namespace EdgeRouter.Inference;

/// <summary>What a finished generation reports; durations are wall time measured by the engine.</summary>
public sealed record GenerationResult(
    FinishReason FinishReason,
    int PromptTokens,
    int CompletionTokens,
    TimeSpan PromptDuration,
    TimeSpan DecodeDuration)
{
    public double DecodeTokensPerSecond =>
        DecodeDuration > TimeSpan.Zero ? CompletionTokens / DecodeDuration.TotalSeconds : 0;

    public double PromptTokensPerSecond =>
        PromptDuration > TimeSpan.Zero ? PromptTokens / PromptDuration.TotalSeconds : 0;
}
