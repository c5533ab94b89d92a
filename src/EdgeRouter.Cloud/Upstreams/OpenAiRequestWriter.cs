using System.Buffers;
using System.Globalization;
using System.Text.Json;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>
/// Writes the OpenAI request body for a <see cref="GenerationRequest"/> with a Utf8JsonWriter (no reflection). The
/// router writes the model, the conversation (with tool calls and results), the sampling it resolved and the stream
/// flags; every other member of <see cref="GenerationRequest.UpstreamFields"/> (tools, tool_choice, response_format,
/// penalties, fields nobody here knows) is copied unchanged, so an agent routed to the cloud keeps its tools.
/// </summary>
public static class OpenAiRequestWriter
{
    /// <summary>
    /// Members the router writes itself, and llama.cpp-only knobs the local surfaces accept: OpenAI rejects unknown
    /// sampling arguments, and a client that sent them to a local endpoint did not mean them for the cloud.
    /// </summary>
    private static readonly HashSet<string> Rewritten = new(StringComparer.Ordinal)
    {
        "model", "messages", "prompt", "stream", "stream_options", "temperature", "top_p", "max_tokens",
        "max_completion_tokens", "seed", "stop", "top_k", "min_p", "typical_p", "repeat_penalty", "repeat_last_n",
    };

    public static byte[] Write(GenerationRequest request, string model, bool stream)
    {
        using var fields = ParseFields(request.UpstreamFields);
        var buffer = new ArrayBufferWriter<byte>(512 + request.UpstreamFields.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            if (request.Messages is { } messages)
            {
                json.WriteStartArray("messages");
                foreach (var message in messages)
                {
                    WriteMessage(json, message);
                }
                json.WriteEndArray();
            }
            else
            {
                json.WriteString("prompt", request.Prompt ?? "");
            }

            WriteSampling(json, request.Sampling, fields?.RootElement);
            json.WriteBoolean("stream", stream);
            if (stream)
            {
                json.WriteStartObject("stream_options");
                json.WriteBoolean("include_usage", true);
                json.WriteEndObject();
            }
            if (fields is not null)
            {
                foreach (var member in fields.RootElement.EnumerateObject())
                {
                    if (!Rewritten.Contains(member.Name))
                    {
                        member.WriteTo(json);
                    }
                }
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, ChatMessage message)
    {
        json.WriteStartObject();
        json.WriteString("role", message.Role);
        if (message.ToolCalls is { Count: > 0 } calls)
        {
            // An assistant turn that only called tools has null content in OpenAI's schema; some servers reject "".
            if (message.Content.Length == 0)
            {
                json.WriteNull("content");
            }
            else
            {
                json.WriteString("content", message.Content);
            }
            json.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                json.WriteStartObject();
                json.WriteString("id", call.Id);
                json.WriteString("type", "function");
                json.WriteStartObject("function");
                json.WriteString("name", call.Name);
                json.WriteString("arguments", call.ArgumentsJson);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        else
        {
            json.WriteString("content", message.Content);
        }
        // A tool result's name stays behind: OpenAI's tool message has no name member, and the id already pairs it.
        if (message.ToolCallId is { } callId)
        {
            json.WriteString("tool_call_id", callId);
        }
        json.WriteEndObject();
    }

    private static void WriteSampling(Utf8JsonWriter json, SamplingOptions sampling, JsonElement? fields)
    {
        json.WriteNumber("temperature", Round(sampling.Temperature));
        json.WriteNumber("top_p", Round(sampling.TopP));
        if (sampling.MaxTokens is { } maxTokens)
        {
            // Reasoning models refuse max_tokens: keep the name the client used.
            var newName = fields is { } sent && sent.TryGetProperty("max_completion_tokens", out _);
            json.WriteNumber(newName ? "max_completion_tokens" : "max_tokens", maxTokens);
        }
        if (sampling.Seed is { } seed)
        {
            json.WriteNumber("seed", seed);
        }
        if (sampling.Stop.Count > 0)
        {
            json.WriteStartArray("stop");
            foreach (var stop in sampling.Stop)
            {
                json.WriteStringValue(stop);
            }
            json.WriteEndArray();
        }
    }

    /// <summary>The surfaces validated the body already; anything but a JSON object here is a bug, so it is not copied.</summary>
    private static JsonDocument? ParseFields(ReadOnlyMemory<byte> fields)
    {
        if (fields.IsEmpty)
        {
            return null;
        }
        var document = JsonDocument.Parse(fields);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return document;
        }
        document.Dispose();
        return null;
    }

    /// <summary>Sends 0.8, not 0.800000011920929 (float widened to double).</summary>
    private static double Round(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
