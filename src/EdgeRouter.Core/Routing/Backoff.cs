namespace EdgeRouter.Core.Routing;

/// <summary>Randomness for jitter, injectable so tests replay a fixed sequence.</summary>
public sealed class Jitter(Func<double> nextDouble)
{
    public static Jitter Shared { get; } = new(Random.Shared.NextDouble);

    /// <summary>A value in [0, 1).</summary>
    public double Next() => Math.Clamp(nextDouble(), 0, 1);
}

/// <summary>Full-jitter exponential backoff: a uniform wait in [0, min(max, base * 2^retry)).</summary>
public static class Backoff
{
    public static TimeSpan Delay(BackoffConfig config, int retryIndex, Jitter jitter)
    {
        if (config.Base <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }
        var ceiling = config.Base.TotalMilliseconds * Math.Pow(2, Math.Clamp(retryIndex, 0, 30));
        ceiling = Math.Min(ceiling, config.Max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling * jitter.Next());
    }
}
