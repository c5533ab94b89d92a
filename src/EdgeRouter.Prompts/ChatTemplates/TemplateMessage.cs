namespace EdgeRouter.Prompts.ChatTemplates;

/// <summary>
/// One turn as a chat template sees it. Null members are left out of the message dict, so templates' "is defined"
/// checks behave as with Hugging Face's apply_chat_template.
/// </summary>
public sealed record TemplateMessage(string Role, string? Content)
{
    /// <summary>Calls an assistant turn made; rendered with arguments as an object when they parse as JSON.</summary>
    public IReadOnlyList<TemplateToolCall>? ToolCalls { get; init; }

    /// <summary>On a role "tool" turn: the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>On a role "tool" turn: the function's name (Ollama and some templates use it).</summary>
    public string? Name { get; init; }
}

/// <summary>A call made by the assistant; <see cref="ArgumentsJson"/> is the JSON text of the arguments.</summary>
public sealed record TemplateToolCall(string? Id, string Name, string ArgumentsJson);

/// <summary>A function the model may call; <see cref="ParametersJson"/> is its JSON Schema.</summary>
public sealed record TemplateTool(string Name, string? Description, string? ParametersJson);
