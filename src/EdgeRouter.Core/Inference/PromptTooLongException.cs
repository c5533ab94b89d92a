namespace EdgeRouter.Core.Inference;

/// <summary>The rendered prompt does not fit the model's context window; a client error, never a crash.</summary>
public sealed class PromptTooLongException(int promptTokens, int contextLength)
    : Exception($"The prompt is {promptTokens} tokens; this model's context window is {contextLength} tokens.")
{
    public int PromptTokens { get; } = promptTokens;
    public int ContextLength { get; } = contextLength;
}
