using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>Identifiers and enum spellings of the OpenAI wire format.</summary>
internal static class OpenAiNames
{
    public static string ChatCompletionId() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    public static string CompletionId() => "cmpl-" + Guid.NewGuid().ToString("N");

    /// <summary>"stop" or "length" (a cancelled run never gets this far).</summary>
    public static string FinishReason(FinishReason reason) => reason == EdgeRouter.Core.Inference.FinishReason.Length ? "length" : "stop";

    /// <summary>"tool_calls" when the model called tools, else as <see cref="FinishReason(Inference.FinishReason)"/>.</summary>
    public static string FinishReason(GenerationResult result) => result.HasToolCalls ? "tool_calls" : FinishReason(result.FinishReason);

    public static UsageDto Usage(GenerationResult result) => new()
    {
        PromptTokens = result.PromptTokens,
        CompletionTokens = result.CompletionTokens,
        TotalTokens = result.PromptTokens + result.CompletionTokens,
    };
}
