using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Host.Check;

/// <summary>The upstreams each route can reach, after nested routes are expanded exactly as the router does.</summary>
internal sealed record RouteUpstreams(string Route, IReadOnlyList<UpstreamConfig> Upstreams)
{
    /// <summary>Configured and built-in routes in config order; <paramref name="config"/> must have passed validation.</summary>
    public static IReadOnlyList<RouteUpstreams> Of(CloudConfig config)
    {
        var byName = config.Upstreams.ToDictionary(static u => u.Name, StringComparer.OrdinalIgnoreCase);
        return RouteTable.Build(config.Routes, config.Upstreams.Select(static u => u.Name).ToList()).Routes
            .Select(route => new RouteUpstreams(route.Name,
                route.Tiers.Where(byName.ContainsKey).Select(tier => byName[tier]).ToList()))
            .ToList();
    }

    public static string Subject(string route, string upstream) => $"route '{route}' → upstream '{upstream}'";
}
