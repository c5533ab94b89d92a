using System.Text.Json;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>What one SSE data payload (or a whole non-stream answer) says, reduced to what routing needs.</summary>
public readonly record struct ChunkInfo
{
    /// <summary>Answer text in this chunk (delta.content, message.content or legacy text).</summary>
    public string? Content { get; init; }

    /// <summary>The chunk carries model output of any kind (text, reasoning, tool calls): the stream's commit point.</summary>
    public bool HasOutput { get; init; }

    public string? FinishReason { get; init; }

    /// <summary>delta.tool_calls (fragments, by index) or message.tool_calls (whole calls), as sent.</summary>
    public JsonElement? ToolCalls { get; init; }

    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }

    /// <summary>The raw JSON of an <c>error</c> member, when the upstream reports a failure inside a 200 stream.</summary>
    public string? ErrorJson { get; init; }

    /// <summary>The <c>[DONE]</c> sentinel.</summary>
    public bool IsDone { get; init; }

    /// <summary>The payload was not JSON we understand.</summary>
    public bool IsMalformed { get; init; }

    public static ChunkInfo Done { get; } = new() { IsDone = true };

    /// <summary>Parses an SSE data payload; null data (comments, event-only frames) yields an empty chunk.</summary>
    public static ChunkInfo Parse(string? data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return default;
        }
        if (data.AsSpan().Trim().SequenceEqual("[DONE]"))
        {
            return Done;
        }
        OpenAiChunk? chunk;
        try
        {
            chunk = JsonSerializer.Deserialize(data, OpenAiWireContext.Default.OpenAiChunk);
        }
        catch (JsonException)
        {
            return new ChunkInfo { IsMalformed = true };
        }
        if (chunk is null)
        {
            return new ChunkInfo { IsMalformed = true };
        }
        if (chunk.Error is { ValueKind: not JsonValueKind.Null } error)
        {
            return new ChunkInfo { ErrorJson = $"{{\"error\":{error.GetRawText()}}}" };
        }

        string? content = null;
        string? finish = null;
        JsonElement? toolCalls = null;
        var output = false;
        if (chunk.Choices is { Count: > 0 } choices)
        {
            var choice = choices[0];
            var delta = choice.Delta ?? choice.Message;
            content = delta?.Content ?? choice.Text;
            finish = choice.FinishReason;
            toolCalls = delta?.ToolCalls is { ValueKind: JsonValueKind.Array } calls ? calls : null;
            output = !string.IsNullOrEmpty(content)
                || !string.IsNullOrEmpty(delta?.ReasoningContent)
                || !string.IsNullOrEmpty(delta?.Reasoning)
                || toolCalls is not null;
        }
        return new ChunkInfo
        {
            Content = content,
            HasOutput = output,
            FinishReason = finish,
            ToolCalls = toolCalls,
            PromptTokens = chunk.Usage?.PromptTokens,
            CompletionTokens = chunk.Usage?.CompletionTokens,
        };
    }
}
