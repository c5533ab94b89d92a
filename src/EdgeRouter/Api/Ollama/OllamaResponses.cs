using System.Text.Json.Nodes;

namespace EdgeRouter.Host.Api.Ollama;

// Response bodies of Ollama's native API. Durations are nanoseconds; created_at is RFC 3339.

internal sealed class OllamaChatResponse
{
    public required string Model { get; init; }
    public required string CreatedAt { get; init; }
    public required OllamaMessageOut Message { get; init; }
    public string? DoneReason { get; init; }
    public required bool Done { get; init; }
    public long? TotalDuration { get; init; }
    public long? LoadDuration { get; init; }
    public int? PromptEvalCount { get; init; }
    public long? PromptEvalDuration { get; init; }
    public int? EvalCount { get; init; }
    public long? EvalDuration { get; init; }
    public List<OllamaLogprobDto>? Logprobs { get; init; }
}

internal sealed class OllamaMessageOut
{
    public string Role { get; init; } = "assistant";
    public required string Content { get; init; }
    public List<OllamaToolCallOut>? ToolCalls { get; init; }
}

internal sealed class OllamaGenerateResponse
{
    public required string Model { get; init; }
    public required string CreatedAt { get; init; }
    public required string Response { get; init; }
    public string? DoneReason { get; init; }
    public required bool Done { get; init; }
    public long? TotalDuration { get; init; }
    public long? LoadDuration { get; init; }
    public int? PromptEvalCount { get; init; }
    public long? PromptEvalDuration { get; init; }
    public int? EvalCount { get; init; }
    public long? EvalDuration { get; init; }
    public List<OllamaLogprobDto>? Logprobs { get; init; }
}

internal sealed class OllamaModelDetails
{
    public string ParentModel { get; init; } = string.Empty;
    public string Format { get; init; } = "gguf";
    public required string Family { get; init; }
    public required List<string> Families { get; init; }
    public required string ParameterSize { get; init; }
    public required string QuantizationLevel { get; init; }
}

internal sealed class OllamaTagsResponse
{
    public required List<OllamaTagModel> Models { get; init; }
}

internal sealed class OllamaTagModel
{
    public required string Name { get; init; }
    public required string Model { get; init; }
    public required string ModifiedAt { get; init; }
    public required long Size { get; init; }
    public required string Digest { get; init; }
    public required OllamaModelDetails Details { get; init; }
}

internal sealed class OllamaPsResponse
{
    public required List<OllamaRunningModel> Models { get; init; }
}

internal sealed class OllamaRunningModel
{
    public required string Name { get; init; }
    public required string Model { get; init; }
    public required long Size { get; init; }
    public required string Digest { get; init; }
    public required OllamaModelDetails Details { get; init; }
    public required string ExpiresAt { get; init; }
    public long SizeVram { get; init; }
    public int ContextLength { get; init; }
}

internal sealed class OllamaShowResponse
{
    public string License { get; init; } = string.Empty;
    public required string Modelfile { get; init; }
    public required string Parameters { get; init; }
    public required string Template { get; init; }
    public required OllamaModelDetails Details { get; init; }
    public required JsonObject ModelInfo { get; init; }
    public required List<string> Capabilities { get; init; }
    public required string ModifiedAt { get; init; }
}

internal sealed class OllamaVersionResponse
{
    public required string Version { get; init; }
}

internal sealed class OllamaErrorResponse
{
    public required string Error { get; init; }
}
