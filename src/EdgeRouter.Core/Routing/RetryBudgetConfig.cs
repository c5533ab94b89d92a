namespace EdgeRouter.Core.Routing;

/// <summary>
/// Retries (a send after a failed send, within one request) may be at most <see cref="Ratio"/> of the requests
/// seen over <see cref="Window"/>, or <see cref="MinRetries"/> when that is larger, so failover can never multiply load.
/// </summary>
public sealed record RetryBudgetConfig
{
    /// <summary><value>The default value is 0.1.</value></summary>
    public double Ratio { get; init; } = 0.1;

    /// <summary><value>The default value is 60 s.</value></summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries always allowed per window, so a quiet board can still fail over. <value>The default value is 3.</value></summary>
    public int MinRetries { get; init; } = 3;
}
