using EdgeRouter.Cloud.Config;

namespace EdgeRouter.Cloud.Credentials;

/// <summary>Upstreams that hold one key under different credential references (found by fingerprint, never by the key's text).</summary>
public sealed record SharedSecret(IReadOnlyList<UpstreamConfig> Upstreams)
{
    /// <summary>The domain they now share, or null when explicit <c>failureDomain</c>s keep them apart.</summary>
    public string? Domain { get; init; }
}

/// <summary>
/// Each upstream's failure domain, derived from its secret as well as its reference. A throttle or a rejected key is
/// a fact about the key, not about the file it was read from: <c>env:A</c> and <c>file:/x</c> holding one key are one
/// domain (cooldown, credential disable, slow start), named after the first of them in config order so the name stays
/// a readable, restart-stable reference (persisted cooldowns, /status, logs) and says nothing about the key.
/// An explicit <c>failureDomain</c> still wins; <c>none</c> keeps the base URL's authority.
/// </summary>
public static class SecretDomains
{
    /// <param name="secretOf">The upstream's resolved key; null for <c>none</c> or an unresolved reference.</param>
    /// <returns>Upstream name (case-insensitive) to failure domain.</returns>
    public static Dictionary<string, string> Derive(IReadOnlyList<UpstreamConfig> upstreams, Func<UpstreamConfig, Secret?> secretOf,
        SecretFingerprints? fingerprints = null)
    {
        var domains = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var upstream in upstreams)
        {
            domains[upstream.Name] = upstream.EffectiveFailureDomain;
        }
        foreach (var group in Groups(upstreams, secretOf, fingerprints))
        {
            var implicitMembers = group.Where(static u => u.FailureDomain is not { Length: > 0 }).ToList();
            foreach (var upstream in implicitMembers)
            {
                domains[upstream.Name] = implicitMembers[0].EffectiveFailureDomain;
            }
        }
        return domains;
    }

    /// <summary>
    /// Groups of upstreams whose credential references differ but whose keys are one (for `check`). Upstreams with the
    /// same reference are not reported: sharing a domain is what that reference already says.
    /// </summary>
    public static IReadOnlyList<SharedSecret> FindShared(IReadOnlyList<UpstreamConfig> upstreams, Func<UpstreamConfig, Secret?> secretOf,
        SecretFingerprints? fingerprints = null)
    {
        var domains = Derive(upstreams, secretOf, fingerprints);
        var shared = new List<SharedSecret>();
        foreach (var group in Groups(upstreams, secretOf, fingerprints))
        {
            if (group.Select(static u => u.Credential.Trim()).Distinct(StringComparer.Ordinal).Count() < 2)
            {
                continue;
            }
            var distinctDomains = group.Select(u => domains[u.Name]).Distinct(StringComparer.Ordinal).ToList();
            shared.Add(new SharedSecret(group) { Domain = distinctDomains.Count == 1 ? distinctDomains[0] : null });
        }
        return shared;
    }

    /// <summary>Upstreams with a key, grouped by its fingerprint; only groups of two or more, in config order.</summary>
    private static IEnumerable<List<UpstreamConfig>> Groups(IReadOnlyList<UpstreamConfig> upstreams, Func<UpstreamConfig, Secret?> secretOf,
        SecretFingerprints? fingerprints)
    {
        var hasher = fingerprints ?? SecretFingerprints.Process;
        var groups = new List<(SecretFingerprint Fingerprint, List<UpstreamConfig> Members)>();
        foreach (var upstream in upstreams)
        {
            if (secretOf(upstream) is not { } secret)
            {
                continue;
            }
            var fingerprint = hasher.Of(secret);
            var index = groups.FindIndex(g => g.Fingerprint.Equals(fingerprint));
            if (index < 0)
            {
                groups.Add((fingerprint, [upstream]));
            }
            else
            {
                groups[index].Members.Add(upstream);
            }
        }
        return groups.Where(static g => g.Members.Count > 1).Select(static g => g.Members);
    }
}
