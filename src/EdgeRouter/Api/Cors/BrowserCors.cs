using System.Net;
using EdgeRouter.Host.Config;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace EdgeRouter.Host.Api.Cors;

/// <summary>
/// Lets browser front-ends (chat UIs on another local port, desktop apps, extensions) call the API, the way Ollama
/// does. In front of access control: a preflight carries no API key, and a refused origin must not reach a handler
/// (a "simple" cross-site POST is sent without a preflight and would otherwise run a generation the page cannot
/// read but the board still pays for). Requests without an Origin header (curl, SDKs, servers) pass untouched.
/// </summary>
internal static class BrowserCors
{
    public static void Use(WebApplication app)
    {
        var policy = new OriginPolicy(app.Services.GetRequiredService<RouterConfig>().Cors);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeRouter.Host.Api.Cors");
        app.Use((context, next) => InvokeAsync(context, next, policy, logger));
    }

    internal static Task InvokeAsync(HttpContext context, RequestDelegate next, OriginPolicy policy, ILogger logger)
    {
        var request = context.Request;
        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            return next(context);
        }

        var headers = context.Response.Headers;
        // The answer depends on the Origin: a cache in between must not serve one origin's answer to another.
        headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        var origin = origins.ToString();
        if (origins.Count != 1 || !(policy.IsAllowed(origin) || IsSameOrigin(request, origin)))
        {
            CorsLog.Refused(logger, request.Method, request.Path, origin);
            return SurfaceErrors.WriteAsync(context, OriginNotAllowed(origin));
        }

        // The origin itself, or "*" when the operator allowed every origin. Never Allow-Credentials: the API takes a
        // bearer key, not cookies, so a page never needs credentials mode (and "*" with credentials is invalid).
        headers.AccessControlAllowOrigin = policy.AllowsAnyOrigin ? "*" : origin;
        if (!IsPreflight(request))
        {
            headers.AccessControlExposeHeaders = CorsHeaders.ExposedHeaders;
            return next(context);
        }

        headers.Append(HeaderNames.Vary, $"{HeaderNames.AccessControlRequestMethod}, {HeaderNames.AccessControlRequestHeaders}");
        headers.AccessControlAllowMethods = CorsHeaders.AllowedMethods;
        if (request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } requested)
        {
            headers.AccessControlAllowHeaders = CorsHeaders.Allowed(requested);
        }
        headers.AccessControlMaxAge = CorsHeaders.MaxAgeSeconds;
        // Chromium's Private Network Access: an allowed public origin (e.g. https://chat.example.com) calling this
        // loopback/LAN server must be told so explicitly.
        if (string.Equals(request.Headers["Access-Control-Request-Private-Network"], "true", StringComparison.OrdinalIgnoreCase))
        {
            headers["Access-Control-Allow-Private-Network"] = "true";
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);

    /// <summary>
    /// Browsers send Origin on same-origin POSTs too: a page this router serves on a LAN address (keys configured) is
    /// its own. Only for an IP-literal Host: a same-origin request under a host name may be DNS rebinding (a foreign
    /// site whose name now resolves to this board), which this check must not wave through.
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request, string origin) =>
        request.Host.HasValue && IPAddress.TryParse(request.Host.Host, out _)
        && string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);

    private static ApiError OriginNotAllowed(string origin) => new(StatusCodes.Status403Forbidden,
        $"Browser origin '{origin}' is not allowed. Local pages, desktop apps and browser extensions are allowed by default; " +
        "add other origins to \"cors\": {\"origins\": [...]} in the config file or to EDGEROUTER_ORIGINS (comma-separated).",
        ApiError.InvalidRequestType, null, "origin_not_allowed");
}
