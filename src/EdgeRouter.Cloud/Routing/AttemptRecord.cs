using EdgeRouter.Cloud.Failures;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Routing;

/// <summary>How a skipped or failed tier weighs in the final answer when no tier served.</summary>
internal enum AttemptWeight
{
    /// <summary>Will clear by itself (cooldown, open breaker, rate limit, busy slot): counts toward "everything is cooling".</summary>
    Temporary,

    /// <summary>A routing decision (too small for the prompt, background policy, deadline): neutral.</summary>
    Policy,

    /// <summary>A real failure (outage, credential, request error): decides the status when nothing is merely cooling.</summary>
    Hard,
}

/// <summary>The router's own record of one tier's part in a request; published as Core's <see cref="TierAttempt"/>.</summary>
internal sealed record AttemptRecord(string Tier, AttemptOutcome Outcome, string Reason)
{
    public AttemptWeight Weight { get; init; } = AttemptWeight.Hard;

    public FailureClass? Class { get; init; }

    public int? StatusCode { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public string? Message { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>The upstream failure behind a <see cref="AttemptOutcome.Failed"/> entry (body kept for passthrough).</summary>
    public UpstreamFailure? Failure { get; init; }

    /// <summary>The tier's own answer (busy, not ready, prompt too long), given unchanged when it was the chain's only tier.</summary>
    public Admission? Refusal { get; init; }

    public TierAttempt ToPublic() => new(Tier, Outcome, Reason)
    {
        StatusCode = StatusCode,
        RetryAfter = RetryAfter,
        Message = Message,
        Elapsed = Elapsed,
        FailureClass = Outcome == AttemptOutcome.Failed ? Class?.Name() : null,
    };

    public override string ToString() => $"{Tier}={Reason}";
}
