using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeRouter.Host.Api;

/// <summary>Writes one framed JSON value and flushes it, so each token reaches the client as it is produced.</summary>
internal static class StreamWrite
{
    public static async ValueTask FramedAsync<T>(HttpResponse response, ReadOnlyMemory<byte> prefix, T value, JsonTypeInfo<T> typeInfo,
        ReadOnlyMemory<byte> suffix, CancellationToken cancellationToken)
    {
        var writer = response.BodyWriter;
        if (!prefix.IsEmpty)
        {
            writer.Write(prefix.Span);
        }
        // The writer's options, not the serializer's, decide escaping: carry the API encoder over.
        using (var json = new Utf8JsonWriter(writer, new JsonWriterOptions { Encoder = typeInfo.Options.Encoder, SkipValidation = true }))
        {
            JsonSerializer.Serialize(json, value, typeInfo);
        }
        writer.Write(suffix.Span);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask RawAsync(HttpResponse response, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await response.BodyWriter.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}
