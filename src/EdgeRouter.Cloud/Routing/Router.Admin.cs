using EdgeRouter.Cloud.Health;

namespace EdgeRouter.Cloud.Routing;

/// <summary>The result of an operator action: done, or why not (unknown route, tier not in the chain...).</summary>
public readonly record struct AdminResult(bool Succeeded, string Message)
{
    public static AdminResult Ok(string message) => new(true, message);

    public static AdminResult Refused(string message) => new(false, message);
}

public sealed partial class Router
{
    /// <summary>Routes an operator pinned to one tier: route name → tier.</summary>
    public IReadOnlyDictionary<string, string> Pins => _chains.Pins;

    /// <summary>
    /// Sends all of <paramref name="route"/>'s traffic to <paramref name="tier"/> only (which must be in its chain), or
    /// removes the pin when <paramref name="tier"/> is null. Each change is a <see cref="HealthEventKind.RoutePinned"/> event.
    /// </summary>
    public AdminResult PinRoute(string route, string? tier)
    {
        if (Routes.Resolve(route) is not { } compiled)
        {
            return AdminResult.Refused($"'{route}' is not a route");
        }
        if (tier is null)
        {
            if (!_chains.Unpin(compiled.Name))
            {
                return AdminResult.Ok($"route {compiled.Name} was not pinned");
            }
            Events.Publish(new HealthEvent(HealthEventKind.RoutePinned, compiled.Name, null, "unpinned"));
            return AdminResult.Ok($"route {compiled.Name} unpinned");
        }
        var member = compiled.Tiers.FirstOrDefault(t => string.Equals(t, tier, StringComparison.OrdinalIgnoreCase));
        if (member is null)
        {
            return AdminResult.Refused($"'{tier}' is not in route {compiled.Name}'s chain ({string.Join(" > ", compiled.Tiers)})");
        }
        _chains.Pin(compiled.Name, member);
        Events.Publish(new HealthEvent(HealthEventKind.RoutePinned, compiled.Name, null, $"pinned to {member}"));
        return AdminResult.Ok($"route {compiled.Name} pinned to {member}");
    }

    /// <summary>
    /// Ends the cooldown of <paramref name="upstream"/>'s failure domain: every upstream sharing it returns to service at
    /// once, without failback probes (the operator knows best), unless its circuit is still open.
    /// </summary>
    public AdminResult ClearCooldown(string upstream)
    {
        if (!_upstreams.TryGetValue(upstream, out var tier))
        {
            return AdminResult.Refused($"'{upstream}' is not an upstream");
        }
        Cooldowns.Clear(tier.Domain);
        Events.Publish(new HealthEvent(HealthEventKind.CooldownCleared, tier.Domain, null, $"cleared by an operator via {tier.Name}"));
        return AdminResult.Ok($"cooldown of failure domain {tier.Domain} cleared");
    }

    /// <summary>
    /// Closes <paramref name="upstream"/>'s circuit, forgetting its recent outages; the tier returns to service at once,
    /// without failback probes, unless its failure domain is still cooling.
    /// </summary>
    public async Task<AdminResult> ResetBreakerAsync(string upstream)
    {
        if (!_upstreams.TryGetValue(upstream, out var tier))
        {
            return AdminResult.Refused($"'{upstream}' is not an upstream");
        }
        await tier.Breaker.ResetAsync().ConfigureAwait(false);
        Events.Publish(new HealthEvent(HealthEventKind.BreakerReset, tier.Name, null, "closed by an operator"));
        return AdminResult.Ok($"circuit of {tier.Name} closed");
    }
}
