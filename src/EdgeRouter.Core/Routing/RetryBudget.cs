namespace EdgeRouter.Core.Routing;

/// <summary>
/// Caps retries at <see cref="RetryBudgetConfig.Ratio"/> of the requests seen over a sliding window (or
/// <see cref="RetryBudgetConfig.MinRetries"/> per window, whichever is larger), so a failing tier can never make the
/// router multiply its load. The window is split into buckets that expire by the TimeProvider's clock.
/// </summary>
public sealed class RetryBudget
{
    private const int Buckets = 10;

    private readonly RetryBudgetConfig _config;
    private readonly TimeProvider _time;
    private readonly long _bucketTicks;
    private readonly Lock _sync = new();
    private readonly int[] _requests = new int[Buckets];
    private readonly int[] _retries = new int[Buckets];
    private long _currentBucket;

    public RetryBudget(RetryBudgetConfig config, TimeProvider time)
    {
        _config = config;
        _time = time;
        _bucketTicks = Math.Max(1, (long)(config.Window.TotalSeconds * time.TimestampFrequency / Buckets));
        _currentBucket = time.GetTimestamp() / _bucketTicks;
    }

    /// <summary>Counts one routed request (every request, retried or not).</summary>
    public void RecordRequest()
    {
        lock (_sync)
        {
            Rotate_NeedsLock();
            _requests[_currentBucket % Buckets]++;
        }
    }

    /// <summary>Takes one retry from the budget; false when the window's allowance is used up.</summary>
    public bool TryWithdraw()
    {
        lock (_sync)
        {
            Rotate_NeedsLock();
            if (_retries.Sum() >= Allowance_NeedsLock())
            {
                return false;
            }
            _retries[_currentBucket % Buckets]++;
            return true;
        }
    }

    /// <summary>Requests, retries and the current allowance over the window.</summary>
    public (int Requests, int Retries, int Allowance) Snapshot()
    {
        lock (_sync)
        {
            Rotate_NeedsLock();
            return (_requests.Sum(), _retries.Sum(), Allowance_NeedsLock());
        }
    }

    private int Allowance_NeedsLock() =>
        Math.Max(_config.MinRetries, (int)Math.Floor(_config.Ratio * _requests.Sum()));

    private void Rotate_NeedsLock()
    {
        var bucket = _time.GetTimestamp() / _bucketTicks;
        var steps = Math.Min(bucket - _currentBucket, Buckets);
        for (var i = 1; i <= steps; i++)
        {
            var index = (_currentBucket + i) % Buckets;
            _requests[index] = 0;
            _retries[index] = 0;
        }
        if (bucket > _currentBucket)
        {
            _currentBucket = bucket;
        }
    }
}
