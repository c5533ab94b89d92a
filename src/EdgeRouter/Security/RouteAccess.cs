using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Host.Security;

/// <summary>
/// A key's allowed routes and priority, applied where a request's model is known. Names resolve as the router
/// resolves them: aliases and upstream names to their route, the local model's own name to "local".
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
        var requested = requestedModel.Trim();
        if (allowed.Contains(requested, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }
        // An unknown model is not served at all: the service answers 404 as usual.
        var route = inference.ResolveRouteName(requested);
        return route is null || allowed.Contains(route, StringComparer.OrdinalIgnoreCase) ? null : requested;
    }

    /// <summary>A background key stays background whatever the header says; others may ask for background with X-EdgeRouter-Priority.</summary>
    public static RequestPriority Priority(HttpContext context, RequestPriority fromHeader) =>
        context.Features.Get<ApiKeyIdentity>() is { Priority: RequestPriority.Background } ? RequestPriority.Background : fromHeader;
}
