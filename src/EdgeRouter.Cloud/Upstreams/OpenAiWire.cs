using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeRouter.Cloud.Upstreams;

// The parts of OpenAI's chat/completions answers the router reads: a streamed chunk and a whole (non-stream) answer
// share this shape (delta vs message). Unknown members are ignored: providers add fields all the time.

internal sealed class OpenAiChunk
{
    public List<OpenAiChoice>? Choices { get; init; }
    public OpenAiUsage? Usage { get; init; }
    public JsonElement? Error { get; init; }
}

internal sealed class OpenAiChoice
{
    public OpenAiDelta? Delta { get; init; }
    public OpenAiDelta? Message { get; init; }
    /// <summary>Legacy /completions text.</summary>
    public string? Text { get; init; }
    public string? FinishReason { get; init; }
}

internal sealed class OpenAiDelta
{
    public string? Role { get; init; }
    public string? Content { get; init; }
    public string? ReasoningContent { get; init; }
    public string? Reasoning { get; init; }
    public JsonElement? ToolCalls { get; init; }
}

internal sealed class OpenAiUsage
{
    public int? PromptTokens { get; init; }
    public int? CompletionTokens { get; init; }
}

/// <summary>An <c>embeddings</c> answer: one vector per input, by index.</summary>
internal sealed class OpenAiEmbeddings
{
    public List<OpenAiEmbedding>? Data { get; init; }
    public OpenAiUsage? Usage { get; init; }
    public JsonElement? Error { get; init; }
}

internal sealed class OpenAiEmbedding
{
    public int? Index { get; init; }
    public float[]? Embedding { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OpenAiChunk))]
[JsonSerializable(typeof(OpenAiEmbeddings))]
internal sealed partial class OpenAiWireContext : JsonSerializerContext;
