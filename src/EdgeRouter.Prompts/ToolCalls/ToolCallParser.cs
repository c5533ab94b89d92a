namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>Splits a finished answer into content and tool calls, in the form of the model's family.</summary>
public static class ToolCallParser
{
    public static ToolCallParseResult Parse(ToolCallFamily family, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return family switch
        {
            ToolCallFamily.Hermes => HermesToolCallParser.Parse(text),
            ToolCallFamily.Llama3 => Llama3ToolCallParser.Parse(text),
            ToolCallFamily.Mistral => MistralToolCallParser.Parse(text),
            _ => ParseAny(text),
        };
    }

    // Unknown family: the first form whose marker appears, else a bare JSON call.
    private static ToolCallParseResult ParseAny(string text)
    {
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
