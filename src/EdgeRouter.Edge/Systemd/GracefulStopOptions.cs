namespace EdgeRouter.Systemd;

/// <summary>How long a stop may take. Keep the sum well under the unit's TimeoutStopSec= (30 s).</summary>
public sealed record GracefulStopOptions
{
    /// <summary>Time the running generation gets to finish on its own. <value>The default value is 15 s.</value></summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(15);

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
