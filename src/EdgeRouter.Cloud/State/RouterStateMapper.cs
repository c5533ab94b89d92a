using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Cloud.State;

/// <summary>Takes a <see cref="RouterState"/> from a live router and its upstreams, and puts one back into fresh ones before traffic.</summary>
public static class RouterStateMapper
{
    public static RouterState Capture(Router router, UpstreamFleet fleet, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(fleet);
        return new RouterState
        {
            SavedAt = now,
            Cooldowns = fleet.Cooldowns.Snapshot()
                .Select(c => new SavedCooldown(c.Domain, c.Kind, c.Until, c.Reason))
                .OrderBy(c => c.Domain, StringComparer.Ordinal)
                .ToList(),
            Breakers = fleet.UpstreamStatuses()
                .Select(u => (u.Name, Until: fleet.Breaker(u.Name).OpenUntil))
                .Where(b => b.Until is not null)
                .Select(b => new SavedBreaker(b.Name, b.Until!.Value))
                .OrderBy(b => b.Upstream, StringComparer.Ordinal)
                .ToList(),
            Pins = router.Pins.Select(p => new SavedPin(p.Key, p.Value)).OrderBy(p => p.Route, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// Applies <paramref name="state"/> through the router's own operations, so every restored cooldown, circuit and pin
    /// raises the same event as when it first happened. Entries the current config no longer knows are skipped.
    /// </summary>
    /// <returns>What was restored (entries whose time ran out meanwhile are not counted).</returns>
    public static async Task<RouterState> RestoreAsync(Router router, UpstreamFleet fleet, RouterState state, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(state);
        var upstreams = fleet.UpstreamStatuses();
        var domains = upstreams.Select(u => u.FailureDomain).ToHashSet(StringComparer.Ordinal);

        var cooldowns = new List<SavedCooldown>();
        foreach (var saved in state.Cooldowns)
        {
            if (!domains.Contains(saved.Domain))
            {
                CloudLog.StateEntrySkipped(logger, $"no upstream is in failure domain '{saved.Domain}' any more");
            }
            else if (fleet.Cooldowns.Restore(saved.Domain, saved.Kind, saved.Until, saved.Reason) is not null)
            {
                cooldowns.Add(saved);
            }
        }

        var breakers = new List<SavedBreaker>();
        foreach (var saved in state.Breakers)
        {
            if (upstreams.FirstOrDefault(u => string.Equals(u.Name, saved.Upstream, StringComparison.OrdinalIgnoreCase)) is not { } upstream)
            {
                CloudLog.StateEntrySkipped(logger, $"'{saved.Upstream}' is not an upstream any more");
            }
            else if (await fleet.Breaker(upstream.Name).RestoreOpenAsync(saved.Until).ConfigureAwait(false))
            {
                breakers.Add(saved);
            }
        }

        var pins = new List<SavedPin>();
        foreach (var saved in state.Pins)
        {
            if (router.PinRoute(saved.Route, saved.Tier) is { Succeeded: false } refused)
            {
                CloudLog.StateEntrySkipped(logger, $"pin of route '{saved.Route}' to '{saved.Tier}': {refused.Message}");
            }
            else
            {
                pins.Add(saved);
            }
        }
        return state with { Cooldowns = cooldowns, Breakers = breakers, Pins = pins };
    }
}
