using System.Threading.RateLimiting;

namespace EdgeRouter.Cloud.Limits;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: it refills lazily from the provider's timestamps whenever it is
/// asked, so there is no timer and a manual clock drives it exactly.
/// </summary>
/// <remarks>
/// NOTE: <see cref="TokenBucketRateLimiter"/> cannot be driven by a fake clock on .NET 10: with
/// AutoReplenishment=false, TryReplenish adds tokens for the real <c>Stopwatch</c> time elapsed, not for one period.
/// This type keeps the <see cref="RateLimiter"/> contract (leases, RetryAfter metadata, statistics) instead.
/// Never queues: an acquire that cannot be granted now fails at once with a RetryAfter.
/// </remarks>
public sealed class ClockedTokenBucket : RateLimiter
{
    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private readonly double _tokensPerTick;
    private double _tokens;
    private long _lastRefill;
    private long _idleSince;
    private long _successful;
    private long _failed;

    /// <param name="capacity">Most tokens the bucket holds (the burst); it starts full.</param>
    /// <param name="tokensPerSecond">Refill rate.</param>
    public ClockedTokenBucket(int capacity, double tokensPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tokensPerSecond, 0);
        Capacity = capacity;
        TokensPerSecond = tokensPerSecond;
        _time = time;
        _tokens = capacity;
        _lastRefill = _idleSince = time.GetTimestamp();
        _tokensPerTick = tokensPerSecond / time.TimestampFrequency;
    }

    /// <summary>A bucket for "N per minute" with a burst of <paramref name="burst"/> (default N).</summary>
    public static ClockedTokenBucket PerMinute(int perMinute, int? burst, TimeProvider time) =>
        new(burst ?? perMinute, perMinute / 60.0, time);

    public int Capacity { get; }

    public double TokensPerSecond { get; }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_sync)
            {
                Refill_NeedsLock();
                return _tokens >= Capacity ? _time.GetElapsedTime(_idleSince) : null;
            }
        }
    }

    /// <summary>Tokens available now (fractional tokens are not usable yet).</summary>
    public int Available
    {
        get
        {
            lock (_sync)
            {
                Refill_NeedsLock();
                return (int)Math.Floor(_tokens);
            }
        }
    }

    /// <summary>How long until <paramref name="permitCount"/> tokens are available; zero if they are now.</summary>
    public TimeSpan TimeUntilAvailable(int permitCount)
    {
        lock (_sync)
        {
            Refill_NeedsLock();
            return Wait_NeedsLock(Math.Min(permitCount, Capacity));
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_sync)
        {
            Refill_NeedsLock();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)Math.Floor(_tokens),
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, Capacity);
        lock (_sync)
        {
            Refill_NeedsLock();
            if (_tokens >= permitCount)
            {
                _tokens -= permitCount;
                if (permitCount > 0)
                {
                    _successful++;
                }
                return BucketLease.Granted;
            }
            _failed++;
            return new BucketLease(false, Wait_NeedsLock(permitCount));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<RateLimitLease>(AttemptAcquireCore(permitCount));
    }

    private void Refill_NeedsLock()
    {
        var now = _time.GetTimestamp();
        var elapsed = now - _lastRefill;
        _lastRefill = now;
        if (elapsed <= 0 || _tokens >= Capacity)
        {
            return;
        }
        _tokens = Math.Min(Capacity, _tokens + (elapsed * _tokensPerTick));
        if (_tokens >= Capacity)
        {
            _idleSince = now;
        }
    }

    private TimeSpan Wait_NeedsLock(int permitCount)
    {
        var missing = permitCount - _tokens;
        return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(missing / TokensPerSecond);
    }

    private sealed class BucketLease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public static readonly BucketLease Granted = new(true, TimeSpan.Zero);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames =>
            acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (!acquired && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
