namespace EdgeRouter.Core.Routing;

/// <summary>What the <see cref="Router"/> needs from the configuration; the tiers themselves are built elsewhere.</summary>
public sealed record RoutingOptions
{
    public required IReadOnlyList<RouteConfig> Routes { get; init; }

    /// <summary>How long a request may spend walking its chain before a tier starts answering.</summary>
    public required TimeSpan RequestDeadline { get; init; }

    /// <summary>Completion tokens assumed for rate budgeting when a request sets no max_tokens.</summary>
    public required int AssumedCompletionTokens { get; init; }

    public required RetryBudgetConfig RetryBudget { get; init; }

    public required BackoffConfig Backoff { get; init; }
}
