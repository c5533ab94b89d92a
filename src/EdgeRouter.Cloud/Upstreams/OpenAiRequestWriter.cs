using System.Buffers;
using System.Globalization;
using System.Text.Json;
using EdgeRouter.Inference;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>
/// Writes the OpenAI request body for a <see cref="GenerationRequest"/> with a Utf8JsonWriter (no reflection).
/// Only parameters every OpenAI-compatible server accepts are sent: top_k/min_p are llama.cpp-only and OpenAI itself
/// rejects unknown arguments.
/// </summary>
public static class OpenAiRequestWriter
{
    public static byte[] Write(GenerationRequest request, string model, bool stream)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            if (request.Messages is { } messages)
            {
                json.WriteStartArray("messages");
                foreach (var message in messages)
                {
                    json.WriteStartObject();
                    json.WriteString("role", message.Role);
                    json.WriteString("content", message.Content);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            else
            {
                json.WriteString("prompt", request.Prompt ?? "");
            }

            var sampling = request.Sampling;
            json.WriteNumber("temperature", Round(sampling.Temperature));
            json.WriteNumber("top_p", Round(sampling.TopP));
            if (sampling.MaxTokens is { } maxTokens)
            {
                json.WriteNumber("max_tokens", maxTokens);
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

            json.WriteBoolean("stream", stream);
            if (stream)
            {
                json.WriteStartObject("stream_options");
                json.WriteBoolean("include_usage", true);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Sends 0.8, not 0.800000011920929 (float widened to double).</summary>
    private static double Round(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
