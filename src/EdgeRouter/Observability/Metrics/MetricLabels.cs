using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>
/// Keeps label values bounded: route and tier labels are names from the config (plus the built-in routes), anything
/// else a client could type becomes <see cref="Unknown"/>.
/// </summary>
internal sealed class MetricLabels
{
    public const string Unknown = "unknown";

    /// <summary>Not applicable: no tier served, or the request never reached routing (bad body, load ping).</summary>
    public const string None = "none";

    private readonly HashSet<string> _routes;
    private readonly HashSet<string> _tiers;
    private readonly Router _router;

    public MetricLabels(CloudConfig cloud, Router router)
    {
        _router = router;
        var upstreams = cloud.Upstreams.Select(static u => u.Name).ToList();
        _tiers = new HashSet<string>([RouteNames.Local, .. upstreams], StringComparer.OrdinalIgnoreCase);
        _routes = new HashSet<string>([RouteNames.Local, RouteNames.Auto, .. upstreams, .. cloud.Routes.Select(static r => r.Name)],
            StringComparer.OrdinalIgnoreCase);
    }

    public string Route(string route) => _routes.Contains(route) ? route : Unknown;

    public string Tier(string? tier) => tier is null ? None : _tiers.Contains(tier) ? tier : Unknown;

    public bool IsUpstream(string tier) => !string.Equals(tier, RouteNames.Local, StringComparison.OrdinalIgnoreCase) && _tiers.Contains(tier);

    public string Upstream(string name) => IsUpstream(name) ? name : Unknown;

    /// <summary>The route of a request that ended before it had a trace (refused by its only tier, or cancelled).</summary>
    public string RouteOfModel(string model) =>
        Route(_router.ResolveRouteName(model) ?? RouteNames.Local);
}
