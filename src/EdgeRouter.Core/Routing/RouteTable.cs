namespace EdgeRouter.Core.Routing;

/// <summary>A route with its chain expanded to tiers ("local" or upstream names), each at most once, in order.</summary>
public sealed record CompiledRoute(string Name, IReadOnlyList<string> Tiers, RouteConfig Config);

/// <summary>
/// Resolves what a client puts in <c>model</c>: a route, one of its aliases, an upstream's name (a one-tier route),
/// or <c>local</c>. Built-ins when not configured: <c>local</c> = [local], <c>auto</c> (alias <c>default</c>) = [local].
/// Ollama-style <c>:latest</c> tags are ignored. Built from a validated config (no cycles).
/// </summary>
public sealed class RouteTable
{
    private readonly Dictionary<string, CompiledRoute> _byName;

    private RouteTable(Dictionary<string, CompiledRoute> byName, IReadOnlyList<CompiledRoute> routes)
    {
        _byName = byName;
        Routes = routes;
    }

    /// <summary>Routes clients may list (configured and built-in; not the implicit per-upstream ones).</summary>
    public IReadOnlyList<CompiledRoute> Routes { get; }

    /// <param name="routes">The configured routes.</param>
    /// <param name="upstreams">The names of the tiers besides the board, each a one-tier route of its own.</param>
    public static RouteTable Build(IReadOnlyList<RouteConfig> routes, IReadOnlyList<string> upstreams)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(upstreams);
        var configured = routes.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        var upstreamNames = upstreams.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var byName = new Dictionary<string, CompiledRoute>(StringComparer.OrdinalIgnoreCase);
        var listed = new List<CompiledRoute>();

        foreach (var route in routes)
        {
            var compiled = new CompiledRoute(route.Name, Expand(route, configured, upstreamNames), route);
            byName[route.Name] = compiled;
            foreach (var alias in route.Aliases)
            {
                byName.TryAdd(alias, compiled);
            }
            listed.Add(compiled);
        }

        if (!byName.ContainsKey(RouteNames.Local))
        {
            var local = new CompiledRoute(RouteNames.Local, [RouteNames.Local],
                new RouteConfig { Name = RouteNames.Local, Chain = [RouteNames.Local] });
            byName[RouteNames.Local] = local;
            listed.Add(local);
        }
        // Unless configured, "auto" and "default" are other names of the local route: the same chain, one route for
        // access lists, traces and metrics.
        byName.TryAdd(RouteNames.Auto, byName[RouteNames.Local]);
        byName.TryAdd(RouteNames.Default, byName[RouteNames.Auto]);

        foreach (var upstream in upstreams)
        {
            byName.TryAdd(upstream, new CompiledRoute(upstream, [upstream], new RouteConfig { Name = upstream, Chain = [upstream] }));
        }
        return new RouteTable(byName, listed);
    }

    public CompiledRoute? Resolve(string requestedModel)
    {
        var name = requestedModel.Trim();
        if (_byName.TryGetValue(name, out var route))
        {
            return route;
        }
        return _byName.TryGetValue(ModelName.WithoutDefaultTag(name), out route) ? route : null;
    }

    /// <summary>Every name <see cref="Resolve"/> accepts, for UnknownModel answers.</summary>
    public IReadOnlyList<string> Names => _byName.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();

    private static List<string> Expand(RouteConfig route, Dictionary<string, RouteConfig> routes, HashSet<string> upstreams)
    {
        var tiers = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visiting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void Walk(RouteConfig current)
        {
            if (!visiting.Add(current.Name))
            {
                return; // A cycle: validation rejects it; never loop here.
            }
            foreach (var entry in current.Chain)
            {
                if (routes.TryGetValue(entry, out var nested) && !upstreams.Contains(entry)
                    && !string.Equals(entry, RouteNames.Local, StringComparison.OrdinalIgnoreCase))
                {
                    Walk(nested);
                }
                else if (seen.Add(entry))
                {
                    tiers.Add(string.Equals(entry, RouteNames.Local, StringComparison.OrdinalIgnoreCase) ? RouteNames.Local : entry);
                }
            }
            visiting.Remove(current.Name);
        }

        Walk(route);
        return tiers;
    }
}
