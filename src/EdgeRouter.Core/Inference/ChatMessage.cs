namespace EdgeRouter.Core.Inference;

/// <summary>One turn of a conversation, already validated by the API surface.</summary>
public sealed record ChatMessage(string Role, string Content)
{
    /// <summary>On an assistant turn: the tools it called (OpenAI assistant tool_calls, Ollama message.tool_calls).</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>On a role "tool" turn: the id of the call this is the result of.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>On a role "tool" turn: the function's name (Ollama's tool_name, OpenAI's legacy name).</summary>
    public string? Name { get; init; }
}
