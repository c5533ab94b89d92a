namespace EdgeRouter.Core.Routing;

/// <summary>
/// A classified failed attempt, on the board or upstream. <see cref="Body"/> keeps an upstream's error bytes (capped by
/// its classifier) so request errors can reach the client unchanged.
/// </summary>
public sealed record TierFailure(FailureClass Class, string Reason, string Message)
{
    /// <summary>HTTP status when the upstream answered; null for transport failures and timeouts.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Retry-After / retry-after-ms as sent, already converted to a relative wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public ReadOnlyMemory<byte> Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The attempt ran into one of our own timeouts (first token, idle, total).</summary>
    public bool IsTimeout { get; init; }
}
