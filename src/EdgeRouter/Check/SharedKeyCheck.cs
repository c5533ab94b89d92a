using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;

namespace EdgeRouter.Host.Check;

/// <summary>
/// Warns about upstreams whose credential references differ but hold the same key (compared by the router's keyed
/// hash, so nothing about the key is printed, not even a hash): the provider limits the key, not the file it was
/// read from. The router already treats them as one failure domain; the operator should know a "fallback" on another
/// reference is no fallback, or that an explicit failureDomain now keeps two halves of one key apart.
/// </summary>
internal static class SharedKeyCheck
{
    public static IEnumerable<CheckFinding> Run(CloudConfig config, Func<UpstreamConfig, Secret?> secretOf)
    {
        foreach (var shared in SecretDomains.FindShared(config.Upstreams, secretOf))
        {
            var names = string.Join(" and ", shared.Upstreams.Select(static u => $"'{u.Name}' ({u.Credential.Trim()})"));
            var subject = $"upstreams {string.Join(", ", shared.Upstreams.Select(static u => $"'{u.Name}'"))}";
            yield return CheckFinding.Warning(subject, shared.Domain is { } domain
                ? $"{names} hold the same key: they share failure domain '{domain}' (one cooldown, credential disable and " +
                  "slow start), so one throttle or rejected key takes them all down; give the fallback its own key or account"
                : $"{names} hold the same key but explicit failureDomains keep them apart: a throttle on one will not rest " +
                  "the others, and the provider will throttle them together");
        }
    }
}
