namespace EdgeRouter.Host.Api.Ollama;

/// <summary>Errors as Ollama sends them: {"error":"message"} with the HTTP status (and Retry-After when busy).</summary>
internal static class OllamaErrors
{
    public static Task WriteAsync(HttpContext context, ApiError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = ApiResults.JsonContentType;
        RetryAfterHeader.Set(response, error.RetryAfter);
        return ApiResults.WriteJsonAsync(context, new OllamaErrorResponse { Error = error.Message }, OllamaJsonContext.Api.OllamaErrorResponse);
    }
}
