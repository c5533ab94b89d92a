namespace EdgeRouter.Core.Inference;

/// <summary>What a finished generation reports; durations are wall time measured by the engine.</summary>
public sealed record GenerationResult(
    FinishReason FinishReason,
    int PromptTokens,
    int CompletionTokens,
    TimeSpan PromptDuration,
    TimeSpan DecodeDuration)
{
    /// <summary>Calls the model made instead of (or after) its text; the surfaces answer finish_reason "tool_calls".</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    public bool HasToolCalls => ToolCalls is { Count: > 0 };

    /// <summary>With <see cref="GenerationRequest.Logprobs"/> on the local tier: one entry per token whose text was sent.</summary>
    public IReadOnlyList<TokenLogprobs>? Logprobs { get; init; }

    public double DecodeTokensPerSecond =>
        DecodeDuration > TimeSpan.Zero ? CompletionTokens / DecodeDuration.TotalSeconds : 0;

    public double PromptTokensPerSecond =>
        PromptDuration > TimeSpan.Zero ? PromptTokens / PromptDuration.TotalSeconds : 0;
}
