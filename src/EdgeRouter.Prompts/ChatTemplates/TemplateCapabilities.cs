namespace EdgeRouter.Prompts.ChatTemplates;

/// <summary>
/// What a template can render, read from the variables it uses: a template that never reads "tools" cannot show
/// the model its tools, so /api/show must not list the tools capability for it.
/// </summary>
public sealed record TemplateCapabilities(bool SupportsTools, bool SupportsToolCalls, bool SupportsToolResponses);
