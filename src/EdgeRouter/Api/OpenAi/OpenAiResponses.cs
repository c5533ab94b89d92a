using System.Text.Json.Serialization;

namespace EdgeRouter.Host.Api.OpenAi;

// Response bodies, field for field as OpenAI sends them. Null fields are omitted, except finish_reason and logprobs,
// which OpenAI always sends (as null in stream chunks) and clients read.

internal sealed class ChatCompletionResponse
{
    public required string Id { get; init; }
    public string Object { get; init; } = "chat.completion";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public required List<ChatChoice> Choices { get; init; }
    public required UsageDto Usage { get; init; }
}

internal sealed class ChatChoice
{
    public int Index { get; init; }
    public required ChatMessageOut Message { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ChatLogprobsDto? Logprobs { get; init; }
    public required string FinishReason { get; init; }
}

internal sealed class ChatMessageOut
{
    public string Role { get; init; } = "assistant";
    /// <summary>Null (sent as null) when the answer is only tool calls, as OpenAI does.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required string? Content { get; init; }
    public List<ToolCallOut>? ToolCalls { get; init; }
}

internal sealed class ChatCompletionChunk
{
    public required string Id { get; init; }
    public string Object { get; init; } = "chat.completion.chunk";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public required List<ChunkChoice> Choices { get; init; }
    public UsageDto? Usage { get; init; }
}

internal sealed class ChunkChoice
{
    public int Index { get; init; }
    public required ChatDelta Delta { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ChatLogprobsDto? Logprobs { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}

internal sealed class ChatDelta
{
    public string? Role { get; init; }
    public string? Content { get; init; }
    public List<ToolCallDelta>? ToolCalls { get; init; }
}

internal sealed class TextCompletionResponse
{
    public required string Id { get; init; }
    public string Object { get; init; } = "text_completion";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public required List<TextChoice> Choices { get; init; }
    public UsageDto? Usage { get; init; }
}

internal sealed class TextChoice
{
    public required string Text { get; init; }
    public int Index { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public CompletionLogprobsDto? Logprobs { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}

internal sealed class UsageDto
{
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    public int TotalTokens { get; init; }
}

internal sealed class ModelListResponse
{
    public string Object { get; init; } = "list";
    public required List<ModelDto> Data { get; init; }
}

internal sealed class ModelDto
{
    public required string Id { get; init; }
    public string Object { get; init; } = "model";
    public required long Created { get; init; }
    public string OwnedBy { get; init; } = "edgerouter";
}

internal sealed class ErrorResponse
{
    public required ErrorBody Error { get; init; }
}

internal sealed class ErrorBody
{
    public required string Message { get; init; }
    public required string Type { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; init; }
}

/// <summary>Chat's choices[].logprobs: one entry per answer token.</summary>
internal sealed class ChatLogprobsDto
{
    public required List<ChatTokenLogprobDto> Content { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Refusal { get; init; }
}

internal sealed class ChatTokenLogprobDto
{
    public required string Token { get; init; }
    public required float Logprob { get; init; }
    public required int[] Bytes { get; init; }
    public required List<TopLogprobDto> TopLogprobs { get; init; }
}

internal sealed class TopLogprobDto
{
    public required string Token { get; init; }
    public required float Logprob { get; init; }
    public required int[] Bytes { get; init; }
}

/// <summary>Legacy completions' choices[].logprobs: parallel arrays, one slot per token.</summary>
internal sealed class CompletionLogprobsDto
{
    public List<string> Tokens { get; } = [];
    public List<float> TokenLogprobs { get; } = [];
    public List<Dictionary<string, float>> TopLogprobs { get; } = [];
    public List<int> TextOffset { get; } = [];
}
