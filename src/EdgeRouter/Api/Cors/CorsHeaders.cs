namespace EdgeRouter.Host.Api.Cors;

/// <summary>What a preflight is answered with: the methods and request headers the API's browser clients send.</summary>
internal static class CorsHeaders
{
    /// <summary>Every method a route of the API answers (DELETE: Ollama's /api/delete).</summary>
    public const string AllowedMethods = "GET, HEAD, POST, DELETE, OPTIONS";

    /// <summary>
    /// Seconds a browser may reuse a preflight answer. Chromium caps it at 7200 and Firefox at 86400; 2 h saves a
    /// round trip per chat request without making a config change take a day to reach an open page.
    /// </summary>
    public const string MaxAgeSeconds = "7200";

    /// <summary>Response headers a page may read: the busy answer's wait and where the router sent the request.</summary>
    public const string ExposedHeaders =
        "Retry-After, X-EdgeRouter-Version, X-EdgeRouter-Route, X-EdgeRouter-Tier, X-EdgeRouter-Attempts, X-EdgeRouter-Fallback, X-EdgeRouter-Context";

    private static readonly string[] Named =
    [
        "authorization", "content-type", "accept", "accept-language", "user-agent", "x-requested-with", "x-api-key",
        "openai-organization", "openai-project", "openai-beta", "idempotency-key",
    ];

    /// <summary>
    /// The openai package adds x-stainless-* headers (lang, os, arch, runtime, retry-count, timeout, ...) and adds new
    /// ones between releases; our own routing headers are x-edgerouter-*. A prefix keeps both working without a list
    /// that goes stale.
    /// </summary>
    private static readonly string[] Prefixes = ["x-stainless-", "x-edgerouter-"];

    /// <summary>Header names are case-insensitive; "Content-Type" and "content-type" are the same request.</summary>
    public static bool IsAllowed(string header)
    {
        var name = header.Trim();
        return Named.Contains(name, StringComparer.OrdinalIgnoreCase)
            || Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The answer to Access-Control-Request-Headers: the requested names that are allowed, echoed back. A name left out
    /// makes the browser refuse the request, which is the point.
    /// </summary>
    public static string Allowed(string requested) => string.Join(", ",
        requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(IsAllowed));
}
