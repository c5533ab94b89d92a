namespace EdgeRouter.Cloud.Failures;

/// <summary>
/// A classified failed attempt. <see cref="Body"/> keeps the upstream's error bytes (at most
/// <see cref="FailureClassifier.MaxErrorBodyBytes"/>) so request errors can reach the client unchanged.
/// </summary>
public sealed record UpstreamFailure(FailureClass Class, string Reason, string Message)
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
