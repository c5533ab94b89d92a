namespace EdgeRouter.Edge.Systemd;

/// <summary>
/// How long the end of a stop may take. With the listener's own shutdown timeout (the host's 10 s) the total must
/// stay under the unit's TimeoutStopSec= (30 s): 10 + 10 + 5 s by default.
/// </summary>
public sealed record GracefulStopOptions
{
    /// <summary>Time the running generation gets to finish on its own. <value>The default value is 10 s.</value></summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time an aborted generation gets to leave the native decode loop. <value>The default value is 5 s.</value></summary>
    public TimeSpan AbortGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often "is it idle yet" is asked. <value>The default value is 100 ms.</value></summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public void Validate()
    {
        if (DrainTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DrainTimeout), DrainTimeout, "must be >= 0");
        }
        if (AbortGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AbortGrace), AbortGrace, "must be >= 0");
        }
        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "must be > 0");
        }
    }
}
