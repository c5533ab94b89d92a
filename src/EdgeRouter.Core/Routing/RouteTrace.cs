using System.Text;

namespace EdgeRouter.Core.Routing;

public enum ContextAction
{
    /// <summary>The prompt fit the tier that served it.</summary>
    None,

    /// <summary>Oldest non-system turns were dropped to fit the last resort.</summary>
    Truncated,

    /// <summary>The prompt fits no tier of the route and the route's policy is to reject.</summary>
    Rejected,
}

/// <summary>How one request was routed: the tier that served it (if any) and every tier considered before it.</summary>
public sealed record RouteTrace
{
    public required string Route { get; init; }

    /// <summary>The serving tier ("local" or an upstream's name), or null when none served.</summary>
    public string? Tier { get; init; }

    public required IReadOnlyList<TierAttempt> Attempts { get; init; }

    public ContextAction Context { get; init; }

    /// <summary>Messages dropped by <see cref="ContextAction.Truncated"/>.</summary>
    public int DroppedMessages { get; init; }

    /// <summary>Tiers actually sent the request (served or failed), not those skipped.</summary>
    public int SentAttempts => Attempts.Count(a => a.Outcome != AttemptOutcome.Skipped);

    /// <summary>Every tier that did not serve, as <c>tier=reason</c> pairs in chain order.</summary>
    public string FallbackSummary
    {
        get
        {
            var text = new StringBuilder();
            foreach (var attempt in Attempts)
            {
                if (attempt.Outcome == AttemptOutcome.Served)
                {
                    continue;
                }
                if (text.Length > 0)
                {
                    text.Append(", ");
                }
                text.Append(attempt.Tier).Append('=').Append(attempt.Reason);
            }
            return text.ToString();
        }
    }

    /// <summary>A run started directly on one tier, without routing.</summary>
    public static RouteTrace Direct(string tier) =>
        new() { Route = tier, Tier = tier, Attempts = [new TierAttempt(tier, AttemptOutcome.Served, "served")] };
}
