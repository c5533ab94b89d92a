using System.Text.Json;

namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>
/// Mistral: [TOOL_CALLS] followed by a JSON array of calls (v3 tokenizer), or by name[ARGS]{json} per call
/// (v11+ tokenizers). Text before the marker is content.
/// </summary>
internal static class MistralToolCallParser
{
    private const string Marker = "[TOOL_CALLS]";
    private const string ArgsMarker = "[ARGS]";

    public static ToolCallParseResult Parse(string text)
    {
        var marker = text.IndexOf(Marker, StringComparison.Ordinal);
        if (marker < 0)
        {
            // [TOOL_CALLS] is a control token, which detokenizing without special tokens drops: the answer is then
            // the bare array.
            var bare = text.TrimStart();
            return bare.StartsWith("[{", StringComparison.Ordinal) && ParseArray(bare) is { Count: > 0 } bareCalls
                ? new ToolCallParseResult("", bareCalls)
                : ToolCallParseResult.TextOnly(text);
        }

        var rest = text[(marker + Marker.Length)..].Trim();
        var calls = rest.StartsWith('[') ? ParseArray(rest) : ParseNamed(rest);
        return calls is { Count: > 0 } ? new ToolCallParseResult(text[..marker].Trim(), calls) : ToolCallParseResult.TextOnly(text);
    }

    private static List<ParsedToolCall>? ParseArray(string rest)
    {
        var end = Json.FindEnd(rest, 0);
        using var document = end < 0 ? null : Json.TryParse(rest[..end]);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var calls = new List<ParsedToolCall>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (Json.ReadCall(item) is not { } call)
            {
                return null;
            }

            calls.Add(call);
        }

        return calls;
    }

    private static List<ParsedToolCall>? ParseNamed(string rest)
    {
        var calls = new List<ParsedToolCall>();
        foreach (var part in rest.Split(Marker, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var args = part.IndexOf(ArgsMarker, StringComparison.Ordinal);
            var jsonStart = args < 0 ? part.IndexOf('{', StringComparison.Ordinal) : args + ArgsMarker.Length;
            if (jsonStart <= 0)
            {
                return null;
            }

            var name = part[..(args < 0 ? jsonStart : args)].Trim();
            var end = Json.FindEnd(part, jsonStart);
            using var document = end < 0 ? null : Json.TryParse(part[jsonStart..end]);
            if (name.Length == 0 || document is null || Json.Arguments(document.RootElement) is not { } arguments)
            {
                return null;
            }

            calls.Add(new ParsedToolCall(name, arguments));
        }

        return calls;
    }
}
