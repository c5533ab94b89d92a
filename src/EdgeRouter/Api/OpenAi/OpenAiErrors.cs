using System.Text.Json;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>Errors as OpenAI sends them: {"error":{"message","type","param","code"}} with the HTTP status.</summary>
internal static class OpenAiErrors
{
    public static Task WriteAsync(HttpContext context, ApiError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json; charset=utf-8";
        RetryAfterHeader.Set(response, error.RetryAfter);
        if (!error.PassthroughBody.IsEmpty)
        {
            // An upstream's request error, unchanged: its client library parses it better than our rewording.
            response.ContentType = error.PassthroughContentType ?? response.ContentType;
            return response.Body.WriteAsync(error.PassthroughBody, context.RequestAborted).AsTask();
        }
        return JsonSerializer.SerializeAsync(response.Body, ToBody(error), OpenAiJsonContext.Api.ErrorResponse, context.RequestAborted);
    }

    public static ErrorResponse ToBody(ApiError error) => new()
    {
        Error = new ErrorBody { Message = error.Message, Type = error.Type, Param = error.Param, Code = error.Code },
    };
}
