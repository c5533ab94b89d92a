using EdgeRouter.Cloud.Upstreams;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api;

/// <summary>
/// An error before the first byte of the response, independent of the surface. OpenAI renders every field,
/// Ollama only <see cref="Message"/>; both send <see cref="Status"/> and, when set, Retry-After.
/// </summary>
public sealed record ApiError(int Status, string Message, string Type, string? Param = null, string? Code = null, TimeSpan? RetryAfter = null)
{
    public const string InvalidRequestType = "invalid_request_error";

    /// <summary>
    /// An upstream's own request error (status, content type and body unchanged). The OpenAI surface sends these bytes
    /// instead of its own shape; Ollama, which cannot speak OpenAI's shape, sends <see cref="Message"/>.
    /// </summary>
    public ReadOnlyMemory<byte> PassthroughBody { get; init; }

    public string? PassthroughContentType { get; init; }

    public static ApiError InvalidRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, message, InvalidRequestType, param, code);

    public static ApiError TooLarge() => new(StatusCodes.Status413PayloadTooLarge,
        $"The request body is larger than {ApiLimits.MaxRequestBodyBytes / (1024 * 1024)} MiB.", InvalidRequestType, null, "request_too_large");

    public static ApiError ModelNotFound(string model, IReadOnlyList<string> available) => new(StatusCodes.Status404NotFound,
        available.Count == 0
            ? $"The model '{model}' was not found."
            : $"The model '{model}' was not found; available: {string.Join(", ", available)}.",
        InvalidRequestType, "model", "model_not_found");

    public static ApiError Busy(TimeSpan retryAfter, string reason) => new(StatusCodes.Status503ServiceUnavailable,
        $"Server busy: {reason}. Retry after {RetryAfterHeader.Seconds(retryAfter)} s.", "server_busy", null, "server_busy", retryAfter);

    public static ApiError NotReady(TimeSpan retryAfter, string reason) => new(StatusCodes.Status503ServiceUnavailable,
        $"The model is not ready: {reason}.", "model_not_ready", null, "model_not_ready", retryAfter);

    public static ApiError ContextLengthExceeded(int promptTokens, int contextLength, string param) => new(StatusCodes.Status400BadRequest,
        $"This model's maximum context length is {contextLength} tokens, but the prompt is {promptTokens} tokens. Shorten the {param}.",
        InvalidRequestType, param, "context_length_exceeded");

    public static ApiError NotFound(string method, string path) => new(StatusCodes.Status404NotFound,
        $"Unknown request URL: {method} {path}.", InvalidRequestType, null, "unknown_url");

    public static ApiError ServerError(string message) => new(StatusCodes.Status500InternalServerError, message, "server_error");

    public static ApiError Cancelled() => new(StatusCodes.Status503ServiceUnavailable,
        "The generation was cancelled because the server is shutting down.", "server_error", null, "cancelled");

    /// <summary>Every refusal the inference service can give, as the error to send.</summary>
    public static ApiError FromAdmission(Admission admission, string promptParam) => admission switch
    {
        Admission.Busy busy => Busy(busy.RetryAfter, busy.Reason),
        Admission.Unavailable unavailable => NotReady(unavailable.RetryAfter, unavailable.Reason),
        Admission.UnknownModel unknown => ModelNotFound(unknown.RequestedModel, unknown.Available),
        Admission.PromptTooLong tooLong => ContextLengthExceeded(tooLong.PromptTokens, tooLong.ContextLength, promptParam),
        Admission.Failed failed => FromRouteFailure(failed, promptParam),
        _ => ServerError("unexpected admission result"),
    };

    /// <summary>A generation that failed before its first byte was sent.</summary>
    public static ApiError FromGenerationFailure(Exception exception, string promptParam) => exception switch
    {
        PromptTooLongException tooLong => ContextLengthExceeded(tooLong.PromptTokens, tooLong.ContextLength, promptParam),
        // The model's chat template refused the conversation or its tools: the client's to fix.
        PromptRenderException { IsClientError: true } refused => InvalidRequest(refused.Message, promptParam, "invalid_prompt"),
        PromptRenderException broken => ServerError($"The model's chat template failed: {broken.Message}"),
        // The upstream broke before we sent a byte: a bad gateway, not our own fault.
        UpstreamStreamException upstream => new(StatusCodes.Status502BadGateway, $"The generation failed: {upstream.Message}",
            "server_error", null, "upstream_failed"),
        _ => ServerError($"The generation failed: {exception.Message}"),
    };

    /// <summary>
    /// No tier of a route served: the router's status, code and Retry-After (type as in RouteFailure's OpenAI shape),
    /// or the upstream's own body for a request error it returned.
    /// </summary>
    private static ApiError FromRouteFailure(Admission.Failed failed, string promptParam) =>
        new(failed.StatusCode, failed.Message, failed.StatusCode == StatusCodes.Status400BadRequest ? InvalidRequestType : "edgerouter_error",
            failed.Code == "context_length_exceeded" ? promptParam : null, failed.Code, failed.RetryAfter)
        {
            PassthroughBody = failed.IsPassthrough ? failed.Body : ReadOnlyMemory<byte>.Empty,
            PassthroughContentType = failed.IsPassthrough ? failed.ContentType : null,
        };
}
