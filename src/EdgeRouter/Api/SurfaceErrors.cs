using EdgeRouter.Host.Api.Ollama;
using EdgeRouter.Host.Api.OpenAi;

namespace EdgeRouter.Host.Api;

/// <summary>For code in front of the endpoints: the error in the shape of the surface the path belongs to (OpenAI under /v1, Ollama elsewhere).</summary>
internal static class SurfaceErrors
{
    public static Task WriteAsync(HttpContext context, ApiError error) =>
        context.Request.Path.StartsWithSegments("/v1") ? OpenAiErrors.WriteAsync(context, error) : OllamaErrors.WriteAsync(context, error);
}
