using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeRouter.Host.Api;

/// <summary>Writes a whole JSON response with a source-generated type, never through reflection.</summary>
internal static class ApiResults
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static Task JsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = JsonContentType;
        return JsonSerializer.SerializeAsync(response.Body, value, typeInfo, context.RequestAborted);
    }
}
