namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>Splits a finished answer into content and tool calls, in the form of the model's family.</summary>
public static class ToolCallParser
{
    /// <param name="schemas">Tool name → its parameters schema (JSON text); Qwen3-Coder's XML arguments are typed by it.</param>
    public static ToolCallParseResult Parse(ToolCallFamily family, string text, IReadOnlyDictionary<string, string?>? schemas = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return family switch
        {
            ToolCallFamily.Qwen3Coder => Qwen3CoderToolCallParser.Parse(text, schemas),
            ToolCallFamily.Hermes => HermesToolCallParser.Parse(text),
            ToolCallFamily.Llama3 => Llama3ToolCallParser.Parse(text),
            ToolCallFamily.Mistral => MistralToolCallParser.Parse(text),
            _ => ParseAny(text, schemas),
        };
    }

    // Unknown family: the first form whose marker appears, else a bare JSON call.
    private static ToolCallParseResult ParseAny(string text, IReadOnlyDictionary<string, string?>? schemas)
    {
        if (text.Contains("<function=", StringComparison.Ordinal))
        {
            return Qwen3CoderToolCallParser.Parse(text, schemas);
        }

        if (text.Contains("<tool_call>", StringComparison.Ordinal))
        {
            return HermesToolCallParser.Parse(text);
        }

        if (text.Contains("[TOOL_CALLS]", StringComparison.Ordinal))
        {
            return MistralToolCallParser.Parse(text);
        }

        return Llama3ToolCallParser.Parse(text);
    }
}
