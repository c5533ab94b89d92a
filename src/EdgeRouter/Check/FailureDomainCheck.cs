using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;

namespace EdgeRouter.Host.Check;

/// <summary>
/// Warns about a route whose fallbacks share a failure domain (usually one API key): the cooldown that a throttle or
/// a rejected key puts on one of them rests them all, so the fallback is not one.
/// </summary>
internal static class FailureDomainCheck
{
    /// <param name="secretOf">Each upstream's key, so domains are derived exactly as the router derives them.</param>
    public static IEnumerable<CheckFinding> Run(CloudConfig config, Func<UpstreamConfig, Secret?> secretOf)
    {
        var domains = SecretDomains.Derive(config.Upstreams, secretOf);
        foreach (var route in RouteUpstreams.Of(config))
        {
            // Ordinal, as the cooldown store keys its domains.
            foreach (var shared in route.Upstreams.GroupBy(u => domains[u.Name], StringComparer.Ordinal).Where(static g => g.Count() > 1))
            {
                var names = string.Join(", ", shared.Select(static u => $"'{u.Name}'"));
                yield return CheckFinding.Warning($"route '{route.Route}'",
                    $"upstreams {names} share failure domain '{shared.Key}': one rate limit or rejected key takes them all down " +
                    "at once; give the fallback its own key or account");
            }
        }
    }
}
