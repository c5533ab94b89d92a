using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Routing;

public enum AttemptOutcome
{
    /// <summary>This tier is answering.</summary>
    Served,

    /// <summary>Not sent: the policy or the tier's state ruled it out.</summary>
    Skipped,

    /// <summary>Sent, and it failed before the first token.</summary>
    Failed,
}

/// <summary>One tier's part in one request, e.g. <c>local=busy</c> or <c>cloud-a=http-429</c>.</summary>
public sealed record TierAttempt(string Tier, AttemptOutcome Outcome, string Reason)
{
    /// <summary>How the attempt counts toward the route's verdict when no tier served.</summary>
    public AttemptWeight Weight { get; init; } = AttemptWeight.Hard;

    /// <summary>
    /// The failure behind the attempt. A skip carries one too (a cooling tier is a throttle) for the verdict; only a
    /// <see cref="AttemptOutcome.Failed"/> attempt reports it (see <see cref="FailedClass"/>).
    /// </summary>
    public FailureClass? Class { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>When this tier is expected to be usable again, relative to when the attempt was recorded.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public string? Message { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>The failure behind a <see cref="AttemptOutcome.Failed"/> entry (an upstream's body kept for passthrough).</summary>
    public TierFailure? Failure { get; init; }

    /// <summary>The tier's own answer (busy, not ready, prompt too long), given unchanged when it was the chain's only tier.</summary>
    public Admission? Refusal { get; init; }

    /// <summary>Why a <see cref="AttemptOutcome.Failed"/> attempt failed; null for served and skipped ones.</summary>
    public FailureClass? FailedClass => Outcome == AttemptOutcome.Failed ? Class : null;

    public override string ToString() => $"{Tier}={Reason}";
}
