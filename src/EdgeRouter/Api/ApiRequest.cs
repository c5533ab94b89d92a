using System.Text.Json.Serialization.Metadata;

namespace EdgeRouter.Host.Api;

/// <summary>Turns a wire request body into a validated call, or null once its error went out in the surface's shape.</summary>
internal delegate ApiError? RequestMapper<in TBody, TCall>(TBody body, out TCall? call) where TCall : class;

/// <summary>A <see cref="RequestMapper{TBody,TCall}"/> that also keeps the body's bytes (to forward them upstream).</summary>
internal delegate ApiError? RawRequestMapper<in TBody, TCall>(TBody body, ReadOnlyMemory<byte> raw, out TCall? call) where TCall : class;

internal static class ApiRequest
{
    /// <summary>As below, for mappers that do not keep the body's bytes.</summary>
    public static Task<TCall?> ReadAsync<TBody, TCall>(HttpContext context, JsonTypeInfo<TBody> typeInfo,
        RequestMapper<TBody, TCall> map, Func<HttpContext, ApiError, Task> writeError)
        where TBody : class
        where TCall : class =>
        ReadAsync(context, typeInfo, (TBody body, ReadOnlyMemory<byte> _, out TCall? call) => map(body, out call), writeError);

    /// <summary>Reads, binds and maps the body; on any failure writes the error with <paramref name="writeError"/> and returns null.</summary>
    public static async Task<TCall?> ReadAsync<TBody, TCall>(HttpContext context, JsonTypeInfo<TBody> typeInfo,
        RawRequestMapper<TBody, TCall> map, Func<HttpContext, ApiError, Task> writeError)
        where TBody : class
        where TCall : class
    {
        var body = await JsonBody.ReadAsync(context.Request, typeInfo, context.RequestAborted);
        if (body.Error is { } invalid)
        {
            await writeError(context, invalid);
            return null;
        }
        if (map(body.Value!, body.Raw, out var call) is { } error)
        {
            await writeError(context, error);
            return null;
        }
        return call;
    }
}
