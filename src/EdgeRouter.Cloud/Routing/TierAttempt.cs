using EdgeRouter.Cloud.Failures;

namespace EdgeRouter.Cloud.Routing;

public enum AttemptOutcome
{
    /// <summary>This tier is answering.</summary>
    Served,

    /// <summary>Not sent: the policy or the tier's state ruled it out.</summary>
    Skipped,

    /// <summary>Sent, and it failed before the first token.</summary>
    Failed,
}

/// <summary>How a skipped or failed tier weighs in the final answer when no tier served.</summary>
public enum AttemptWeight
{
    /// <summary>Will clear by itself (cooldown, open breaker, rate limit, busy slot): counts toward "everything is cooling".</summary>
    Temporary,

    /// <summary>A routing decision (too small for the prompt, background policy, deadline): neutral.</summary>
    Policy,

    /// <summary>A real failure (outage, credential, request error): decides the status when nothing is merely cooling.</summary>
    Hard,
}

/// <summary>One tier's part in one request, for the X-EdgeRouter-* headers and the all-failed summary.</summary>
public sealed record TierAttempt(string Tier, AttemptOutcome Outcome, string Reason)
{
    public AttemptWeight Weight { get; init; } = AttemptWeight.Hard;

    public FailureClass? Class { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>When this tier is expected to be usable again, relative to when the attempt was recorded.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public string? Message { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>The upstream failure behind a <see cref="AttemptOutcome.Failed"/> entry (body kept for passthrough).</summary>
    internal UpstreamFailure? Failure { get; init; }

    public override string ToString() => $"{Tier}={Reason}";
}
