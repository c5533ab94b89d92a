using System.Text.Json;
using EdgeRouter.Core.Inference;
using EdgeRouter.Prompts.Grammar;
using EdgeRouter.Prompts.ToolCalls;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// tool_choice "required" or a named function: the answer must be a call, so the model's own call syntax and each
/// tool's parameters schema become the grammar, and an emitted call always parses and validates. With "auto" the
/// model may answer in text, so nothing is forced.
/// </summary>
internal static class ForcedToolCall
{
    /// <summary>The grammar to force a call, or null when the request does not force one (or brings its own grammar).</summary>
    /// <exception cref="PromptRenderException">A tool's parameters schema is outside the supported subset (a client error).</exception>
    public static GrammarConstraint? GrammarFor(GenerationRequest request, ToolCallSyntax syntax)
    {
        if (request.Grammar is not null || !request.HasTools || request.Tools is not { } tools
            || request.ToolChoice.Mode is not (ToolChoiceMode.Required or ToolChoiceMode.Function))
        {
            return null;
        }
        var offered = tools
            .Where(t => request.ToolChoice.Mode != ToolChoiceMode.Function
                || string.Equals(t.Name, request.ToolChoice.FunctionName, StringComparison.Ordinal))
            .Select(t => (t.Name, Parameters(t.ParametersJson)))
            .ToList();
        try
        {
            return new GrammarConstraint(syntax.Family == ToolCallFamily.Qwen3Coder
                ? XmlToolCallGrammar.Build(offered, syntax.Prefix, syntax.Suffix)
                : ToolCallGrammar.Build(offered, syntax.Prefix, syntax.Suffix, syntax.ArgumentsKey));
        }
        catch (SchemaNotSupportedException e)
        {
            throw new PromptRenderException($"A forced tool call cannot be constrained: {e.Message}", isClientError: true, e);
        }
    }

    private static JsonElement Parameters(string? json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return document.RootElement.Clone();
    }
}
