using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace EdgeRouter.Host.Api.Embeddings;

/// <summary>
/// Writes embedding responses with <see cref="Utf8JsonWriter"/>: a vector is either a number array or (OpenAI's
/// encoding_format "base64") a string, which a source-generated contract cannot express in one property; and a batch
/// of vectors is written straight into one buffer.
/// </summary>
internal static class EmbeddingJson
{
    /// <summary>The vector's float32 values, little-endian, in base64: what OpenAI's clients decode.</summary>
    public static string Base64(float[] vector)
    {
        var bytes = MemoryMarshal.AsBytes(vector.AsSpan());
        if (!BitConverter.IsLittleEndian)
        {
            var copy = bytes.ToArray();
            for (var i = 0; i < copy.Length; i += sizeof(float))
            {
                copy.AsSpan(i, sizeof(float)).Reverse();
            }

            return Convert.ToBase64String(copy);
        }

        return Convert.ToBase64String(bytes);
    }

    public static void WriteVector(Utf8JsonWriter writer, float[] vector)
    {
        writer.WriteStartArray();
        foreach (var value in vector)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    public static Task SendAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ApiResults.JsonContentType;
        return ApiResults.WriteBodyAsync(context, buffer.WrittenMemory);
    }
}
