using System.Buffers;
using System.Text.Json;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>
/// What an Ollama request asks of an OpenAI-compatible upstream beyond the conversation and the sampling the router
/// writes itself: its tools (Ollama sends them in OpenAI's shape already), <c>format</c> as <c>response_format</c>, and
/// the penalties from <c>options</c>. So a request routed to the cloud keeps its tools and its schema.
/// </summary>
internal static class OllamaUpstreamFields
{
    public static ReadOnlyMemory<byte> From(JsonElement? tools, JsonElement? format, OllamaOptionsDto? options)
    {
        var hasTools = RequestChecks.IsSet(tools);
        var hasFormat = RequestChecks.IsSet(format);
        if (!hasTools && !hasFormat && options?.PresencePenalty is null && options?.FrequencyPenalty is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (hasTools)
            {
                json.WritePropertyName("tools");
                tools!.Value.WriteTo(json);
            }
            if (hasFormat)
            {
                WriteResponseFormat(json, format!.Value);
            }
            if (options?.PresencePenalty is { } presence)
            {
                json.WriteNumber("presence_penalty", presence);
            }
            if (options?.FrequencyPenalty is { } frequency)
            {
                json.WriteNumber("frequency_penalty", frequency);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    /// <summary>"json" is OpenAI's json_object; a schema is json_schema without strict, which would refuse schemas Ollama accepts.</summary>
    private static void WriteResponseFormat(Utf8JsonWriter json, JsonElement format)
    {
        json.WriteStartObject("response_format");
        if (format.ValueKind == JsonValueKind.Object)
        {
            json.WriteString("type", "json_schema");
            json.WriteStartObject("json_schema");
            json.WriteString("name", "response");
            json.WritePropertyName("schema");
            format.WriteTo(json);
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("type", "json_object");
        }
        json.WriteEndObject();
    }
}
