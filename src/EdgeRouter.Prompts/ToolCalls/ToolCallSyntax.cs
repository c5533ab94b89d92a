namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>
/// A family's tool-call wrapper: the text around one call's JSON (what a forced call's grammar must produce) and
/// the words that start a call (where a lazy grammar triggers, and where the stream detector stops streaming text).
/// </summary>
/// <param name="Family">The family.</param>
/// <param name="Prefix">Text before a call's JSON object.</param>
/// <param name="Suffix">Text after it.</param>
/// <param name="ArgumentsKey">The JSON key holding the arguments ("arguments", or "parameters" for Llama 3).</param>
/// <param name="TriggerWords">Text that opens a call anywhere in an answer.</param>
/// <param name="StartsWithJson">True when a call may also be an answer that just starts with "{" (or "[" for Mistral,
/// whose [TOOL_CALLS] control token is not in detokenized text).</param>
public sealed record ToolCallSyntax(
    ToolCallFamily Family, string Prefix, string Suffix, string ArgumentsKey, IReadOnlyList<string> TriggerWords, bool StartsWithJson)
{
    /// <summary>
    /// Words the parser reads besides the triggers (Mistral's [ARGS], a closing tag). Some models spell triggers and
    /// markers as control tokens, which plain detokenizing drops; the engine keeps exactly these in the text it hands
    /// the parser, and every other control token stays out.
    /// </summary>
    public IReadOnlyList<string> Markers { get; init; } = [];

    public static ToolCallSyntax Hermes { get; } =
        new(ToolCallFamily.Hermes, "<tool_call>\n", "\n</tool_call>", "arguments", ["<tool_call>"], false) { Markers = ["</tool_call>"] };

    public static ToolCallSyntax Llama3 { get; } =
        new(ToolCallFamily.Llama3, "", "", "parameters", ["<|python_tag|>"], true);

    public static ToolCallSyntax Mistral { get; } =
        new(ToolCallFamily.Mistral, "[TOOL_CALLS][", "]", "arguments", ["[TOOL_CALLS]"], true) { Markers = ["[ARGS]"] };

    /// <summary>Arguments are XML parameters, not JSON, so <see cref="ArgumentsKey"/> is unused.</summary>
    public static ToolCallSyntax Qwen3Coder { get; } =
        new(ToolCallFamily.Qwen3Coder, "<tool_call>\n", "\n</tool_call>", "", ["<tool_call>", "<function="], false)
        {
            Markers = ["</tool_call>"],
        };

    public static ToolCallSyntax Generic { get; } =
        new(ToolCallFamily.Generic, "<tool_call>\n", "\n</tool_call>", "arguments", ["<tool_call>", "[TOOL_CALLS]", "<|python_tag|>"], true)
        {
            Markers = ["</tool_call>", "[ARGS]"],
        };

    /// <summary>The family a chat template was written for, from the markers it prints.</summary>
    public static ToolCallSyntax Detect(string templateSource)
    {
        ArgumentNullException.ThrowIfNull(templateSource);
        // Before Hermes: Qwen3-Coder's template prints <tool_call> too, around its <function=...> blocks.
        if (templateSource.Contains("<function=", StringComparison.Ordinal) && templateSource.Contains("<parameter=", StringComparison.Ordinal))
        {
            return Qwen3Coder;
        }

        if (templateSource.Contains("<tool_call>", StringComparison.Ordinal))
        {
            return Hermes;
        }

        if (templateSource.Contains("[TOOL_CALLS]", StringComparison.Ordinal))
        {
            return Mistral;
        }

        if (templateSource.Contains("<|python_tag|>", StringComparison.Ordinal)
            || (templateSource.Contains("<|start_header_id|>", StringComparison.Ordinal) && templateSource.Contains("parameters", StringComparison.Ordinal)))
        {
            return Llama3;
        }

        return Generic;
    }

    /// <summary>The text of one call as this family writes it (the shape a forced call's grammar describes).</summary>
    public string FormatCall(string name, string argumentsJson)
    {
        if (Family == ToolCallFamily.Qwen3Coder)
        {
            return Prefix + Qwen3CoderToolCallParser.Format(name, argumentsJson) + Suffix;
        }
        var body = Family == ToolCallFamily.Llama3
            ? $"{{\"name\": {Json.Quote(name)}, \"parameters\": {argumentsJson}}}"
            : $"{{\"name\": {Json.Quote(name)}, \"arguments\": {argumentsJson}}}";
        return Prefix + body + Suffix;
    }
}
