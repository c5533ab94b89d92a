namespace EdgeRouter.Core.Inference;

public enum ToolChoiceMode
{
    /// <summary>The model decides whether to call a tool.</summary>
    Auto,
    /// <summary>Tools are not offered to the model and its answer is never read as a call.</summary>
    None,
    /// <summary>The model must call at least one tool.</summary>
    Required,
    /// <summary>The model must call <see cref="ToolChoice.FunctionName"/>.</summary>
    Function,
}

/// <summary>OpenAI's tool_choice: "auto", "none", "required" or a named function.</summary>
public sealed record ToolChoice(ToolChoiceMode Mode, string? FunctionName = null)
{
    public static ToolChoice Auto { get; } = new(ToolChoiceMode.Auto);
    public static ToolChoice None { get; } = new(ToolChoiceMode.None);
    public static ToolChoice Required { get; } = new(ToolChoiceMode.Required);

    public static ToolChoice Function(string name) => new(ToolChoiceMode.Function, name);
}
