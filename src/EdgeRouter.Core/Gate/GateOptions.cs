namespace EdgeRouter.Core.Gate;

/// <summary>How the single local slot queues callers. Small defaults: a board should refuse, not pile up.</summary>
public sealed record GateOptions
{
    /// <summary>Callers that may wait for the slot. <value>The default value is 2.</value></summary>
    public int QueueLength { get; init; } = 2;

    /// <summary>How long a queued caller waits before being told "busy". <value>The default value is 10 s.</value></summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound of any Retry-After we advertise. <value>The default value is 60 s.</value></summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Tokens/s assumed before the first generation has been measured. <value>The default value is 10.</value></summary>
    public double InitialTokensPerSecond { get; init; } = 10;

    /// <summary>Completion length assumed when a request sets no max_tokens. <value>The default value is 256.</value></summary>
    public int AssumedCompletionTokens { get; init; } = 256;

    /// <summary>What the slot runs, as refusals name it. <value>The default value is "the local model".</value></summary>
    public string SlotName { get; init; } = "the local model";

    public void Validate()
    {
        if (QueueLength < 0) throw new ArgumentOutOfRangeException(nameof(QueueLength), QueueLength, "must be >= 0");
        if (MaxWait < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxWait), MaxWait, "must be >= 0");
        if (MaxRetryAfter < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(MaxRetryAfter), MaxRetryAfter, "must be >= 1 s");
        if (InitialTokensPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(InitialTokensPerSecond), InitialTokensPerSecond, "must be > 0");
        if (AssumedCompletionTokens <= 0) throw new ArgumentOutOfRangeException(nameof(AssumedCompletionTokens), AssumedCompletionTokens, "must be > 0");
    }
}
