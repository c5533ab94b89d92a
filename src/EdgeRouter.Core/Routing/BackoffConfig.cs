namespace EdgeRouter.Core.Routing;

/// <summary>Full-jitter exponential backoff before a retry that follows an outage.</summary>
public sealed record BackoffConfig
{
    /// <summary><value>The default value is 100 ms.</value></summary>
    public TimeSpan Base { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary><value>The default value is 2 s.</value></summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(2);
}
