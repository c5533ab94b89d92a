using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Api;

/// <summary>
/// Last line of defence: a client that went away is not an error, and a bug still answers in the surface's error
/// shape (OpenAI under /v1, Ollama elsewhere) instead of an empty 500.
/// </summary>
internal static class ApiErrorBoundary
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        try
        {
            await next(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected; whatever was running has been cancelled and disposed by its handler.
        }
        catch (Exception ex)
        {
            ApiLog.Unhandled(logger, ex, context.Request.Method, context.Request.Path);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            context.Response.Clear();
            var error = ApiError.ServerError("Internal server error.");
            await SurfaceErrors.WriteAsync(context, error);
        }
    }
}
