using System.Buffers;
using System.Text;
using System.Text.Json;

namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>
/// Qwen3-Coder: <c>&lt;tool_call&gt;\n&lt;function=NAME&gt;\n&lt;parameter=ARG&gt;\nVALUE\n&lt;/parameter&gt;\n&lt;/function&gt;\n&lt;/tool_call&gt;</c>,
/// one block per call. Values are converted by the tool's schema (<see cref="XmlParameterTypes"/>). The model sometimes
/// drops the outer &lt;tool_call&gt;, so a bare &lt;function=...&gt; block counts too. A block that does not parse stays text.
/// </summary>
internal static class Qwen3CoderToolCallParser
{
    private const string Open = "<tool_call>";
    private const string Close = "</tool_call>";
    private const string FunctionOpen = "<function=";
    private const string FunctionClose = "</function>";
    private const string ParameterOpen = "<parameter=";
    private const string ParameterClose = "</parameter>";

    public static ToolCallParseResult Parse(string text, IReadOnlyDictionary<string, string?>? schemas)
    {
        var content = new StringBuilder();
        var calls = new List<ParsedToolCall>();
        var pos = 0;
        while (pos < text.Length)
        {
            var start = NextBlock(text, pos);
            if (start < 0)
            {
                break;
            }
            var wrapped = string.CompareOrdinal(text, start, Open, 0, Open.Length) == 0;
            var at = wrapped ? HermesToolCallParser.SkipSpace(text, start + Open.Length) : start;
            if (ReadFunction(text, ref at, schemas) is not { } call)
            {
                break;
            }
            content.Append(text, pos, start - pos);
            calls.Add(call);
            pos = HermesToolCallParser.SkipSpace(text, at);
            // The closer is optional at the very end: generation may stop on it as an end-of-turn token.
            if (wrapped && string.CompareOrdinal(text, pos, Close, 0, Close.Length) == 0)
            {
                pos = HermesToolCallParser.SkipSpace(text, pos + Close.Length);
            }
        }

        content.Append(text, pos, text.Length - pos);
        return new ToolCallParseResult(calls.Count > 0 ? content.ToString().Trim() : content.ToString(), calls);
    }

    /// <summary>One call's &lt;function=...&gt; block as the template writes it: strings bare, other values as JSON.</summary>
    public static string Format(string name, string argumentsJson)
    {
        var text = new StringBuilder().Append(FunctionOpen).Append(name).Append(">\n");
        using var arguments = JsonDocument.Parse(argumentsJson);
        foreach (var argument in arguments.RootElement.EnumerateObject())
        {
            var value = argument.Value.ValueKind == JsonValueKind.String ? argument.Value.GetString() : Json.Compact(argument.Value);
            text.Append(ParameterOpen).Append(argument.Name).Append(">\n").Append(value).Append('\n').Append(ParameterClose).Append('\n');
        }
        return text.Append(FunctionClose).ToString();
    }

    private static int NextBlock(string text, int pos)
    {
        var wrapped = text.IndexOf(Open, pos, StringComparison.Ordinal);
        var bare = text.IndexOf(FunctionOpen, pos, StringComparison.Ordinal);
        return wrapped < 0 ? bare : bare < 0 ? wrapped : Math.Min(wrapped, bare);
    }

    private static ParsedToolCall? ReadFunction(string text, ref int at, IReadOnlyDictionary<string, string?>? schemas)
    {
        if (ReadTag(text, ref at, FunctionOpen) is not { Length: > 0 } name)
        {
            return null;
        }
        using var schema = SchemaOf(schemas, name);
        var parameters = schema?.RootElement ?? default;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
        {
            writer.WriteStartObject();
            while (true)
            {
                at = HermesToolCallParser.SkipSpace(text, at);
                if (string.CompareOrdinal(text, at, FunctionClose, 0, FunctionClose.Length) == 0)
                {
                    at += FunctionClose.Length;
                    break;
                }
                if (ReadTag(text, ref at, ParameterOpen) is not { Length: > 0 } parameter)
                {
                    return null;
                }
                var end = text.IndexOf(ParameterClose, at, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }
                writer.WritePropertyName(parameter);
                WriteValue(writer, TrimOneNewline(text[at..end]), XmlParameterTypes.Property(parameters, parameter));
                at = end + ParameterClose.Length;
            }
            writer.WriteEndObject();
        }
        return new ParsedToolCall(name, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Reads "&lt;prefix" NAME "&gt;"; null when the text there is not that tag.</summary>
    private static string? ReadTag(string text, ref int at, string prefix)
    {
        if (string.CompareOrdinal(text, at, prefix, 0, prefix.Length) != 0)
        {
            return null;
        }
        var close = text.IndexOf('>', at + prefix.Length);
        var newline = text.IndexOf('\n', at + prefix.Length);
        if (close < 0 || (newline >= 0 && newline < close))
        {
            return null;
        }
        var name = text[(at + prefix.Length)..close].Trim();
        at = close + 1;
        return name;
    }

    // The template writes "\n" after the opening tag and before the closing one; the value is what is between.
    private static string TrimOneNewline(string value)
    {
        if (value.StartsWith('\n'))
        {
            value = value[1..];
        }
        return value.EndsWith('\n') ? value[..^1] : value;
    }

    private static void WriteValue(Utf8JsonWriter writer, string value, JsonElement schema)
    {
        if (!XmlParameterTypes.IsText(schema))
        {
            using var parsed = Json.TryParse(value.Trim());
            if (parsed is not null)
            {
                parsed.RootElement.WriteTo(writer);
                return;
            }
        }
        // A string parameter, or a value that is not the JSON its type asks for: keep what the model wrote.
        writer.WriteStringValue(value);
    }

    private static JsonDocument? SchemaOf(IReadOnlyDictionary<string, string?>? schemas, string name) =>
        schemas is not null && schemas.TryGetValue(name, out var json) && !string.IsNullOrWhiteSpace(json) ? Json.TryParse(json) : null;
}
