using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>JSON helpers for tool-call text: finding where a value ends, reading it, writing it compactly.</summary>
internal static class Json
{
    /// <summary>The index just past the JSON object or array starting at <paramref name="start"/>, or -1 if it is cut off.</summary>
    public static int FindEnd(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return -1;
    }

    public static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Relaxed escaping: arguments reach clients as the model wrote them, not with "<" as \u003C.
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Compact(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Quote(string text)
    {
        var sb = new StringBuilder();
        Jinja.JsonText.AppendString(sb, text);
        return sb.ToString();
    }

    /// <summary>
    /// A call object {"name": .., "arguments"|"parameters": ..}; arguments given as a JSON string are unwrapped.
    /// Null when the object is not a call.
    /// </summary>
    public static ParsedToolCall? ReadCall(JsonElement call)
    {
        if (call.ValueKind != JsonValueKind.Object
            || !call.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(name.GetString()))
        {
            return null;
        }

        var id = call.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        if (!call.TryGetProperty("arguments", out var arguments) && !call.TryGetProperty("parameters", out arguments))
        {
            return new ParsedToolCall(name.GetString()!, "{}", id);
        }

        return Arguments(arguments) is { } json ? new ParsedToolCall(name.GetString()!, json, id) : null;
    }

    public static string? Arguments(JsonElement arguments)
    {
        switch (arguments.ValueKind)
        {
            case JsonValueKind.Object:
                return Compact(arguments);
            case JsonValueKind.String:
                using (var inner = TryParse(arguments.GetString()!))
                {
                    return inner?.RootElement.ValueKind == JsonValueKind.Object ? Compact(inner.RootElement) : null;
                }

            case JsonValueKind.Null:
                return "{}";
            default:
                return null;
        }
    }
}
