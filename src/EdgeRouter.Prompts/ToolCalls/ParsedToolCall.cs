namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>A call the model made: the function's name and its arguments as compact JSON object text.</summary>
public sealed record ParsedToolCall(string Name, string ArgumentsJson, string? Id = null);

/// <summary>A model answer split into its plain text and the tool calls it contained.</summary>
public sealed record ToolCallParseResult(string Content, IReadOnlyList<ParsedToolCall> Calls)
{
    public static ToolCallParseResult TextOnly(string content) => new(content, []);

    public bool HasCalls => Calls.Count > 0;
}
