using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Routing;
using EdgeRouter.Inference;
using EdgeRouter.Routing;

namespace EdgeRouter.Host.Security;

/// <summary>
/// A key's allowed routes and priority, applied where a request's model is known. The local model's own name and
/// the local tier's aliases count as "local" when the inference service is the local tier alone.
/// </summary>
internal static class RouteAccess
{
    /// <summary>The route a key was refused, or null when it may use <paramref name="requestedModel"/> (or no key is in play).</summary>
    public static string? Denied(HttpContext context, IInferenceService inference, string requestedModel)
    {
        if (context.Features.Get<ApiKeyIdentity>() is not { Routes: { } allowed })
        {
            return null;
        }
        var requested = StripLatest(requestedModel.Trim());
        if (allowed.Contains(requested, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }
        // Aliases and upstream names resolve to their route; the local model's own name is the local-only route.
        var route = (inference as Router)?.Routes.Resolve(requested)?.Name
            ?? (inference.ResolveModel(requested) is not null ? CloudDefaults.LocalTier : null);
        // An unknown model is not served at all: the service answers 404 as usual.
        return route is null || allowed.Contains(route, StringComparer.OrdinalIgnoreCase) ? null : requested;
    }

    /// <summary>A background key stays background whatever the header says; others may ask for background with X-EdgeRouter-Priority.</summary>
    public static RequestPriority Priority(HttpContext context, RequestPriority fromHeader) =>
        context.Features.Get<ApiKeyIdentity>() is { Priority: RequestPriority.Background } ? RequestPriority.Background : fromHeader;

    private static string StripLatest(string name) =>
        name.EndsWith(":latest", StringComparison.OrdinalIgnoreCase) ? name[..^":latest".Length] : name;
}
