using System.Text.Json;

namespace EdgeRouter.Host.Api.Ollama;

// Request bodies of Ollama's native API. Fields Ollama clients send are declared (a wrong type is a 400) even where the
// router ignores them (keep_alive: the model stays loaded; think: no reasoning models; num_ctx: fixed at start).

internal sealed class OllamaChatRequest
{
    public string? Model { get; init; }
    public List<OllamaMessageDto>? Messages { get; init; }
    public bool? Stream { get; init; }
    public OllamaOptionsDto? Options { get; init; }
    public JsonElement? Format { get; init; }
    public JsonElement? KeepAlive { get; init; }
    public JsonElement? Tools { get; init; }
    public JsonElement? Think { get; init; }
    public string? Template { get; init; }
    public bool? Logprobs { get; init; }
    public int? TopLogprobs { get; init; }

    // The AI SDK's Ollama provider (ollama-ai-provider-v2) sends these at the top level rather than in options; Ollama
    // drops them there, so a caller's temperature 0 or token cap would silently not apply.
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? MaxOutputTokens { get; init; }
}

internal sealed class OllamaMessageDto
{
    public string? Role { get; init; }
    public string? Content { get; init; }
    public JsonElement? Images { get; init; }
    public JsonElement? ToolCalls { get; init; }
    public string? ToolName { get; init; }
    public string? Thinking { get; init; }
}

internal sealed class OllamaGenerateRequest
{
    public string? Model { get; init; }
    public string? Prompt { get; init; }
    public string? Suffix { get; init; }
    public string? System { get; init; }
    public string? Template { get; init; }
    public JsonElement? Context { get; init; }
    public bool? Raw { get; init; }
    public JsonElement? Images { get; init; }
    public bool? Stream { get; init; }
    public OllamaOptionsDto? Options { get; init; }
    public JsonElement? Format { get; init; }
    public JsonElement? KeepAlive { get; init; }
    public JsonElement? Think { get; init; }
    public bool? Logprobs { get; init; }
    public int? TopLogprobs { get; init; }
}

/// <summary>The "options" object (Ollama's runtime parameters).</summary>
internal sealed class OllamaOptionsDto
{
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopK { get; init; }
    public double? MinP { get; init; }
    public long? Seed { get; init; }
    /// <summary>-1 (or -2) means no limit.</summary>
    public int? NumPredict { get; init; }
    public JsonElement? Stop { get; init; }
    public int? NumCtx { get; init; }
    public int? NumKeep { get; init; }
    public int? NumBatch { get; init; }
    public int? NumThread { get; init; }
    public int? NumGpu { get; init; }
    public int? MainGpu { get; init; }
    public double? RepeatPenalty { get; init; }
    public int? RepeatLastN { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }
    public double? TypicalP { get; init; }
    public double? TfsZ { get; init; }
    public int? Mirostat { get; init; }
    public double? MirostatTau { get; init; }
    public double? MirostatEta { get; init; }
    public bool? PenalizeNewline { get; init; }
    public bool? UseMmap { get; init; }
    public bool? UseMlock { get; init; }
    public bool? Numa { get; init; }
    public bool? LowVram { get; init; }
}

internal sealed class OllamaShowRequest
{
    public string? Model { get; init; }
    /// <summary>The field's name before Ollama 0.3.</summary>
    public string? Name { get; init; }
    public bool? Verbose { get; init; }
}
