namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>Errors as OpenAI sends them: {"error":{"message","type","param","code"}} with the HTTP status.</summary>
internal static class OpenAiErrors
{
    public static Task WriteAsync(HttpContext context, ApiError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = ApiResults.JsonContentType;
        RetryAfterHeader.Set(response, error.RetryAfter);
        if (!error.PassthroughBody.IsEmpty)
        {
            // An upstream's request error, unchanged: its client library parses it better than our rewording.
            response.ContentType = error.PassthroughContentType ?? response.ContentType;
            return ApiResults.WriteBodyAsync(context, error.PassthroughBody);
        }
        return ApiResults.WriteJsonAsync(context, ToBody(error), OpenAiJsonContext.Api.ErrorResponse);
    }

    public static ErrorResponse ToBody(ApiError error) => new()
    {
        Error = new ErrorBody { Message = error.Message, Type = error.Type, Param = error.Param, Code = error.Code },
    };
}
