using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>
/// Llama 3.x: the whole answer is one or more {"name": .., "parameters": {..}} objects (separated by ";" or
/// whitespace), optionally after &lt;|python_tag|&gt;; built-in tools come as name.call(key="value", ...).
/// Anything else is an ordinary answer.
/// </summary>
internal static partial class Llama3ToolCallParser
{
    private const string PythonTag = "<|python_tag|>";

    public static ToolCallParseResult Parse(string text)
    {
        var tag = text.IndexOf(PythonTag, StringComparison.Ordinal);
        var prefix = tag >= 0 ? text[..tag] : "";
        var body = tag >= 0 ? text[(tag + PythonTag.Length)..] : text;
        var calls = ParseCalls(body.Trim());
        if (calls is null && tag >= 0 && PythonCall().Match(body.Trim()) is { Success: true } match)
        {
            calls = [new ParsedToolCall(match.Groups["name"].Value, PythonArguments(match.Groups["args"].Value))];
        }

        return calls is { Count: > 0 } ? new ToolCallParseResult(prefix.Trim(), calls) : ToolCallParseResult.TextOnly(text);
    }

    private static List<ParsedToolCall>? ParseCalls(string body)
    {
        var calls = new List<ParsedToolCall>();
        var pos = 0;
        while (pos < body.Length)
        {
            if (body[pos] != '{')
            {
                return null;
            }

            var end = Json.FindEnd(body, pos);
            if (end < 0)
            {
                return null;
            }

            using var document = Json.TryParse(body[pos..end]);
            if (document is null || Json.ReadCall(document.RootElement) is not { } call)
            {
                return null;
            }

            calls.Add(call);
            pos = HermesToolCallParser.SkipSpace(body, end);
            if (pos < body.Length && body[pos] == ';')
            {
                pos = HermesToolCallParser.SkipSpace(body, pos + 1);
            }
        }

        return calls.Count > 0 ? calls : null;
    }

    // brave_search.call(query="weather") → {"query": "weather"}; values are string or number literals.
    private static string PythonArguments(string arguments)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (Match m in PythonArgument().Matches(arguments))
            {
                writer.WritePropertyName(m.Groups["key"].Value);
                if (m.Groups["str"].Success)
                {
                    writer.WriteStringValue(Regex.Unescape(m.Groups["str"].Value));
                }
                else
                {
                    writer.WriteRawValue(m.Groups["num"].Value);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)\.call\((?<args>.*)\)$", RegexOptions.Singleline)]
    private static partial Regex PythonCall();

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:""(?<str>(?:[^""\\]|\\.)*)""|'(?<str>(?:[^'\\]|\\.)*)'|(?<num>-?\d+(?:\.\d+)?))")]
    private static partial Regex PythonArgument();
}
