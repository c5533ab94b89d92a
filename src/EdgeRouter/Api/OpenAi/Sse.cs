using System.Text.Json.Serialization.Metadata;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>Server-sent events framing as OpenAI uses it: "data: {json}\n\n" per chunk, "data: [DONE]\n\n" at the end.</summary>
internal static class Sse
{
    public const string ContentType = "text/event-stream; charset=utf-8";

    private static readonly ReadOnlyMemory<byte> DataPrefix = "data: "u8.ToArray();
    private static readonly ReadOnlyMemory<byte> EventEnd = "\n\n"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> DoneEvent = "data: [DONE]\n\n"u8.ToArray();

    public static ValueTask WriteAsync<T>(HttpResponse response, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        StreamWrite.FramedAsync(response, DataPrefix, value, typeInfo, EventEnd, cancellationToken);

    public static async ValueTask WriteDoneAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        await StreamWrite.RawAsync(response, DoneEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The in-band error event: same shape as an error response body, then no [DONE].</summary>
    public static ValueTask WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken) =>
        WriteAsync(response, OpenAiErrors.ToBody(new ApiError(StatusCodes.Status500InternalServerError, message, "server_error")),
            OpenAiJsonContext.Api.ErrorResponse, cancellationToken);
}
