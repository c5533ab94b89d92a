using System.Text.Json.Serialization.Metadata;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>What differs between /api/chat and /api/generate; everything else is one flow in <see cref="OllamaGenerationEndpoint"/>.</summary>
internal sealed record OllamaGenerationKind<TRequest>(
    JsonTypeInfo<TRequest> RequestType,
    RequestMapper<TRequest, OllamaCall> Map,
    bool IsChat,
    string PromptParam,
    Func<string, OllamaStats, IRunStreamFormat> StreamFormat,
    Func<HttpContext, OllamaStats, string, string, GenerationResult, Task> WriteFinalAsync)
    where TRequest : class;

internal static class OllamaGenerationKinds
{
    public static OllamaGenerationKind<OllamaChatRequest> Chat { get; } = new(
        OllamaJsonContext.Api.OllamaChatRequest,
        OllamaRequestMapping.TryMapChat,
        IsChat: true,
        PromptParam: "messages",
        static (model, stats) => new ChatNdjsonFormat(model, stats),
        static (context, stats, model, text, result) => ApiResults.JsonAsync(context, StatusCodes.Status200OK,
            stats.Chat(model, text, result), OllamaJsonContext.Api.OllamaChatResponse));

    /// <summary>No "context" is returned.</summary>
    public static OllamaGenerationKind<OllamaGenerateRequest> Generate { get; } = new(
        OllamaJsonContext.Api.OllamaGenerateRequest,
        OllamaRequestMapping.TryMapGenerate,
        IsChat: false,
        PromptParam: "prompt",
        static (model, stats) => new GenerateNdjsonFormat(model, stats),
        static (context, stats, model, text, result) => ApiResults.JsonAsync(context, StatusCodes.Status200OK,
            stats.Generate(model, text, result), OllamaJsonContext.Api.OllamaGenerateResponse));
}
