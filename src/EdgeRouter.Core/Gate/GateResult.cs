namespace EdgeRouter.Core.Gate;

/// <summary>Either a lease on the slot, or a refusal with an honest Retry-After.</summary>
public readonly struct GateResult
{
    private GateResult(GateLease? lease, TimeSpan retryAfter, string? reason)
    {
        Lease = lease;
        RetryAfter = retryAfter;
        Reason = reason;
    }

    public GateLease? Lease { get; }

    public TimeSpan RetryAfter { get; }

    public string? Reason { get; }

    public bool Acquired => Lease is not null;

    internal static GateResult Granted(GateLease lease) => new(lease, TimeSpan.Zero, null);

    internal static GateResult Refused(TimeSpan retryAfter, string reason) => new(null, retryAfter, reason);
}
