using EdgeRouter.Prompts.Jinja;

namespace EdgeRouter.Prompts.ChatTemplates;

/// <summary>What one render of a chat template gets.</summary>
public sealed record ChatTemplateInput(IReadOnlyList<TemplateMessage> Messages)
{
    /// <summary>Null or empty: the template sees tools = none, as without tools in Hugging Face.</summary>
    public IReadOnlyList<TemplateTool>? Tools { get; init; }

    /// <summary>Ends the prompt with the assistant header so the model answers.</summary>
    public bool AddGenerationPrompt { get; init; } = true;

    /// <summary>Extra template variables (e.g. enable_thinking), set after the standard ones.</summary>
    public IReadOnlyDictionary<string, JinjaValue>? Variables { get; init; }
}
