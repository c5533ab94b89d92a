namespace EdgeRouter.Core.Routing;

public sealed partial class Router
{
    /// <summary>Routes an operator pinned to one tier: route name → tier.</summary>
    public IReadOnlyDictionary<string, string> Pins => _chains.Pins;

    /// <summary>A route was pinned to a tier, or unpinned (tier null); raised synchronously by <see cref="PinRoute"/>.</summary>
    public event Action<string, string?>? PinChanged;

    /// <summary>
    /// Sends all of <paramref name="route"/>'s traffic to <paramref name="tier"/> only (which must be in its chain), or
    /// removes the pin when <paramref name="tier"/> is null. Each change raises <see cref="PinChanged"/>.
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
            PinChanged?.Invoke(compiled.Name, null);
            return AdminResult.Ok($"route {compiled.Name} unpinned");
        }
        var member = compiled.Tiers.FirstOrDefault(t => string.Equals(t, tier, StringComparison.OrdinalIgnoreCase));
        if (member is null)
        {
            return AdminResult.Refused($"'{tier}' is not in route {compiled.Name}'s chain ({string.Join(" > ", compiled.Tiers)})");
        }
        _chains.Pin(compiled.Name, member);
        PinChanged?.Invoke(compiled.Name, member);
        return AdminResult.Ok($"route {compiled.Name} pinned to {member}");
    }
}
