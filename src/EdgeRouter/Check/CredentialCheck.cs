using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;

namespace EdgeRouter.Host.Check;

/// <summary>
/// Every upstream a route can reach must have a key now: one error per route and upstream, so the operator sees which
/// traffic would have failed over into a 401 at 3 a.m. An upstream no configured route names is still reachable by
/// its own name, so it is checked too.
/// </summary>
internal static class CredentialCheck
{
    public static IEnumerable<CheckFinding> Run(CloudConfig config, ICredentialResolver resolver)
    {
        var problems = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string? ProblemOf(UpstreamConfig upstream)
        {
            if (!problems.TryGetValue(upstream.Name, out var problem))
            {
                problem = Describe(upstream, resolver);
                problems[upstream.Name] = problem;
            }
            return problem;
        }

        var routed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in RouteUpstreams.Of(config))
        {
            foreach (var upstream in route.Upstreams)
            {
                routed.Add(upstream.Name);
                if (ProblemOf(upstream) is { } problem)
                {
                    yield return CheckFinding.Error(RouteUpstreams.Subject(route.Route, upstream.Name), problem);
                }
            }
        }
        foreach (var upstream in config.Upstreams.Where(u => !routed.Contains(u.Name)))
        {
            if (ProblemOf(upstream) is { } problem)
            {
                yield return CheckFinding.Error($"upstream '{upstream.Name}' (reachable as model '{upstream.Name}')", problem);
            }
        }
    }

    /// <summary>Null when the key resolves; a malformed reference is the config check's error, not repeated here.</summary>
    private static string? Describe(UpstreamConfig upstream, ICredentialResolver resolver)
    {
        if (!CredentialReference.TryParse(upstream.Credential, out var reference, out _))
        {
            return null;
        }
        var result = resolver.Resolve(reference);
        return result.IsResolved
            ? null
            : $"credential {reference} cannot be resolved: {result.Problem} (cloud.upstreams.{upstream.Name}.credential)";
    }
}
