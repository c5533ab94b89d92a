namespace EdgeRouter.Edge.Systemd;

/// <summary>What the host plugs into <see cref="SystemdLifecycle"/>.</summary>
public sealed record SystemdLifecycleOptions
{
    /// <summary>Checks that must all pass for a watchdog ping (request loop, inference worker). <value>The default value is empty (ping while the timer runs).</value></summary>
    public IReadOnlyList<LivenessCheck> LivenessChecks { get; init; } = [];

    /// <summary>
    /// One-line state for STATUS= (tier health, thermal state), e.g. "serving qwen2.5-0.5b; thermal normal 51.2 °C".
    /// <value>The default value is null (STATUS= only at start and stop).</value>
    /// </summary>
    public Func<string>? StatusLine { get; init; }

    /// <summary>How often <see cref="StatusLine"/> is polled; STATUS= is sent only when the text changed. <value>The default value is 5 s.</value></summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(LivenessChecks, nameof(LivenessChecks));
        if (StatusInterval < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentOutOfRangeException(nameof(StatusInterval), StatusInterval, "must be >= 100 ms");
        }
    }
}
