using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeRouter.Host.Api;

/// <summary>Writes a whole JSON response with a source-generated type, never through reflection.</summary>
internal static class ApiResults
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static Task JsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        return WriteJsonAsync(context, value, typeInfo);
    }

    /// <summary>
    /// The body in one write with a Content-Length: no chunked framing, and one send for the small answers that
    /// matter most under load (the 503s of a flood). Status and headers must already be set.
    /// </summary>
    public static Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo)
    {
        var response = context.Response;
        response.ContentType ??= JsonContentType;
        return WriteBodyAsync(context, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
    }

    public static Task WriteBodyAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
