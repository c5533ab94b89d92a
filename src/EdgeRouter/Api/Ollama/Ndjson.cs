using System.Text.Json.Serialization.Metadata;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>One JSON object per line, flushed as written.</summary>
internal static class Ndjson
{
    private static readonly ReadOnlyMemory<byte> LineEnd = "\n"u8.ToArray();

    public static ValueTask WriteAsync<T>(HttpResponse response, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        StreamWrite.FramedAsync(response, ReadOnlyMemory<byte>.Empty, value, typeInfo, LineEnd, cancellationToken);

    /// <summary>Ollama's in-band error: an extra {"error":"..."} line, the status stays 200.</summary>
    public static ValueTask WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken) =>
        WriteAsync(response, new OllamaErrorResponse { Error = message }, OllamaJsonContext.Api.OllamaErrorResponse, cancellationToken);
}
