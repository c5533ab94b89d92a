namespace EdgeRouter.Core.Routing;

/// <summary>What to do when the prompt does not fit the last tier a route can reach.</summary>
public enum ContextOverflowPolicy
{
    /// <summary>Refuse with a 400-class "prompt too long" error.</summary>
    Reject,

    /// <summary>Drop the oldest non-system turns until the prompt fits (the last turn is always kept).</summary>
    TruncateOldest,
}

/// <summary>
/// A name a client may put in <c>model</c>, resolving to an ordered chain of tiers. A chain entry is <c>local</c>,
/// an upstream's name, or another route's name (expanded in place; cycles are rejected at load).
/// </summary>
public sealed record RouteConfig
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Chain { get; init; }

    /// <summary>Other names that resolve to this route, e.g. <c>gpt-4o</c> for clients with a hard-coded model.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary><value>The default value is <see cref="ContextOverflowPolicy.Reject"/>.</value></summary>
    public ContextOverflowPolicy OnContextOverflow { get; init; } = ContextOverflowPolicy.Reject;

    /// <summary>Whether background requests may spill to paid upstreams. <value>The default value is false.</value></summary>
    public bool AllowBackground { get; init; }

    /// <summary>Whether a content-policy refusal moves on to the next tier instead of reaching the client. <value>The default value is false.</value></summary>
    public bool FallbackOnContentPolicy { get; init; }
}
