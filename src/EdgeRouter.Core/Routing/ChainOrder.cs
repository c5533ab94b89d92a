using System.Collections.Concurrent;
using EdgeRouter.Core.Local;

namespace EdgeRouter.Core.Routing;

/// <summary>
/// Which tiers a request tries, and in which order; the attempt loop (<see cref="Router.RouteAsync"/>) only walks the
/// plan. An operator's pin wins; otherwise the route's chain, with on-board tiers moved last while the board is warm.
/// </summary>
internal sealed class ChainOrder(IReadOnlyDictionary<string, ITier> tiers)
{
    private readonly ConcurrentDictionary<string, string> _pins = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Routes an operator pinned to one tier: route name → tier.</summary>
    public IReadOnlyDictionary<string, string> Pins => _pins;

    public void Pin(string route, string tier) => _pins[route] = tier;

    public bool Unpin(string route) => _pins.TryRemove(route, out _);

    public IReadOnlyList<ITier> Plan(CompiledRoute route, LocalAdvice board)
    {
        if (_pins.TryGetValue(route.Name, out var pinned))
        {
            return [tiers[pinned]];
        }
        var chain = route.Tiers.Select(name => tiers[name]).ToList();
        if (board is not LocalAdvice.PreferUpstream || chain.Count < 2 || !chain.Any(t => t.OnBoard))
        {
            return chain;
        }
        // Warm: prefer remote tiers, keep the board as the last resort.
        return [.. chain.Where(t => !t.OnBoard), .. chain.Where(t => t.OnBoard)];
    }
}
