namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>
/// Hermes and Qwen: any number of &lt;tool_call&gt;{json}&lt;/tool_call&gt; blocks, text around them is content. A
/// block whose JSON does not parse as a call stays text, so nothing the model said is lost.
/// </summary>
internal static class HermesToolCallParser
{
    private const string Open = "<tool_call>";
    private const string Close = "</tool_call>";

    public static ToolCallParseResult Parse(string text)
    {
        var content = new System.Text.StringBuilder();
        var calls = new List<ParsedToolCall>();
        var pos = 0;
        while (pos < text.Length)
        {
            var open = text.IndexOf(Open, pos, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var jsonStart = SkipSpace(text, open + Open.Length);
            var jsonEnd = jsonStart < text.Length && text[jsonStart] == '{' ? Json.FindEnd(text, jsonStart) : -1;
            var call = jsonEnd < 0 ? null : ReadCall(text[jsonStart..jsonEnd]);
            if (call is null)
            {
                break;
            }

            content.Append(text, pos, open - pos);
            calls.Add(call);
            pos = SkipSpace(text, jsonEnd);

            // The closer is optional at the very end: generation may stop on it as an end-of-turn token.
            if (string.CompareOrdinal(text, pos, Close, 0, Close.Length) == 0)
            {
                pos += Close.Length;
            }
        }

        content.Append(text, pos, text.Length - pos);
        return new ToolCallParseResult(calls.Count > 0 ? content.ToString().Trim() : content.ToString(), calls);
    }

    private static ParsedToolCall? ReadCall(string json)
    {
        using var document = Json.TryParse(json);
        return document is null ? null : Json.ReadCall(document.RootElement);
    }

    public static int SkipSpace(string text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }

        return pos;
    }
}
