using System.Buffers;
using System.Text.Json;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>OpenAI's <c>embeddings</c> request and answer, written and read without reflection.</summary>
internal static class EmbeddingsWire
{
    /// <summary>Floats, not base64: the router re-encodes for its own client anyway.</summary>
    public static byte[] Write(IReadOnlyList<EmbeddingInput> inputs, string model)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("input");
            foreach (var input in inputs)
            {
                if (input.Text is { } text)
                {
                    json.WriteStringValue(text);
                    continue;
                }
                json.WriteStartArray();
                foreach (var token in input.Tokens!)
                {
                    json.WriteNumberValue(token);
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteString("encoding_format", "float");
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The vectors in input order, unit length; or why the answer is unusable (an outage: nothing was served).</summary>
    public static (EmbeddingResult? Result, TierFailure? Failure) Read(ReadOnlySpan<byte> body, int inputs, TimeSpan duration)
    {
        OpenAiEmbeddings? answer;
        try
        {
            answer = JsonSerializer.Deserialize(body, OpenAiWireContext.Default.OpenAiEmbeddings);
        }
        catch (JsonException)
        {
            answer = null;
        }
        if (answer?.Error is { ValueKind: JsonValueKind.Object } error)
        {
            return (null, FailureClassifier.FromStreamError($"{{\"error\":{error.GetRawText()}}}"));
        }
        var vectors = new float[]?[inputs];
        foreach (var item in answer?.Data ?? [])
        {
            if (item.Index is { } index && index >= 0 && index < inputs && item.Embedding is { Length: > 0 } embedding)
            {
                vectors[index] = EmbeddingVector.Normalize(embedding);
            }
        }
        if (answer is null || vectors.Any(v => v is null) || vectors.Select(v => v!.Length).Distinct().Count() != 1)
        {
            return (null, new TierFailure(FailureClass.Outage, "malformed-answer", "the answer is not one OpenAI embedding per input"));
        }
        return (new EmbeddingResult(vectors!, answer.Usage?.PromptTokens ?? 0, duration), null);
    }
}
