using System.Text.Json;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>
/// POST /v1/chat/completions. Every field an OpenAI client commonly sends is declared (so a wrong type is a 400) even
/// when it is then ignored; fields nobody declared are ignored too.
/// </summary>
internal sealed class ChatCompletionRequest
{
    public string? Model { get; init; }
    public List<ChatMessageDto>? Messages { get; init; }
    public bool? Stream { get; init; }
    public StreamOptionsDto? StreamOptions { get; init; }
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    /// <summary>Not OpenAI's, but llama-server and most local clients accept it.</summary>
    public int? TopK { get; init; }
    /// <summary>Not OpenAI's, but llama-server accepts it.</summary>
    public double? MinP { get; init; }
    /// <summary>llama-server's extras, honoured on the local tier.</summary>
    public double? TypicalP { get; init; }
    public double? RepeatPenalty { get; init; }
    public int? RepeatLastN { get; init; }
    public long? Seed { get; init; }
    /// <summary>A string or an array of strings.</summary>
    public JsonElement? Stop { get; init; }
    public int? N { get; init; }
    public string? User { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }
    public JsonElement? LogitBias { get; init; }
    public bool? Logprobs { get; init; }
    public int? TopLogprobs { get; init; }
    public JsonElement? ResponseFormat { get; init; }
    public JsonElement? Tools { get; init; }
    public JsonElement? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
    public JsonElement? Functions { get; init; }
    public JsonElement? FunctionCall { get; init; }
    public JsonElement? Metadata { get; init; }
    public bool? Store { get; init; }
    public string? ServiceTier { get; init; }
    public string? ReasoningEffort { get; init; }
    public JsonElement? Modalities { get; init; }
    public JsonElement? Prediction { get; init; }
}

internal sealed class ChatMessageDto
{
    public string? Role { get; init; }
    /// <summary>A string, an array of content parts, or null (an assistant turn that only called tools).</summary>
    public JsonElement? Content { get; init; }
    public string? Name { get; init; }
    public JsonElement? ToolCalls { get; init; }
    public string? ToolCallId { get; init; }
    public string? Refusal { get; init; }
}

internal sealed class StreamOptionsDto
{
    public bool? IncludeUsage { get; init; }
    public bool? IncludeObfuscation { get; init; }
}
