using EdgeRouter.Host.Api;

namespace EdgeRouter.Host.Security;

/// <summary>Access-control refusals, written in the surface's own error shape like every other error.</summary>
internal static class AccessErrors
{
    public static ApiError MissingKey() => new(StatusCodes.Status401Unauthorized,
        "This router needs an API key: send 'Authorization: Bearer <key>'.", ApiError.InvalidRequestType, null, "missing_api_key");

    public static ApiError InvalidKey() => new(StatusCodes.Status401Unauthorized,
        "The API key is not valid.", ApiError.InvalidRequestType, null, "invalid_api_key");

    public static ApiError RouteNotAllowed(string route) => new(StatusCodes.Status403Forbidden,
        $"This API key may not use the model '{route}'.", ApiError.InvalidRequestType, "model", "route_not_allowed");

    public static ApiError RateLimited(TimeSpan retryAfter) => new(StatusCodes.Status429TooManyRequests,
        $"This API key is over its rate limit. Retry after {RetryAfterHeader.Seconds(retryAfter)} s.", "rate_limit_exceeded", null,
        "rate_limit_exceeded", retryAfter);
}
