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
    public int? StatusCode { get; init; }

    /// <summary>When this tier is expected to be usable again, relative to when the attempt was recorded.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public string? Message { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Why a <see cref="AttemptOutcome.Failed"/> attempt failed (<c>throttle</c>, <c>outage</c>, <c>credential</c>...); null otherwise.</summary>
    public string? FailureClass { get; init; }

    public override string ToString() => $"{Tier}={Reason}";
}
