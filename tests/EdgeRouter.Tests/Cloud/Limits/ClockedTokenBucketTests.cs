using System.Threading.RateLimiting;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Cloud.Limits;

public sealed class ClockedTokenBucketTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void PerMinute_GrantsBurstThenRefusesWithRetryAfter()
    {
        using var bucket = ClockedTokenBucket.PerMinute(4, null, _time);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(bucket.AttemptAcquire().IsAcquired);
        }

        using var refused = bucket.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(15), retryAfter);
    }

    [Fact]
    public void Refills_OnlyWhenTheManualClockMoves()
    {
        using var bucket = ClockedTokenBucket.PerMinute(4, null, _time);
        for (var i = 0; i < 4; i++)
        {
            bucket.AttemptAcquire().Dispose();
        }
        _time.Advance(TimeSpan.FromSeconds(14.9));
        Assert.False(bucket.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.False(bucket.AttemptAcquire().IsAcquired);

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(4, bucket.Available);
    }

    [Fact]
    public void Statistics_CountLeases()
    {
        using var bucket = new ClockedTokenBucket(2, 1, _time);
        bucket.AttemptAcquire(2).Dispose();
        bucket.AttemptAcquire(1).Dispose();
        var stats = bucket.GetStatistics()!;
        Assert.Equal(1, stats.TotalSuccessfulLeases);
        Assert.Equal(1, stats.TotalFailedLeases);
        Assert.Equal(0, stats.CurrentAvailablePermits);
    }

    [Fact]
    public void UpstreamLimiter_RefusalDoesNotBurnRequestPermits()
    {
        using var limiter = new UpstreamLimiter(new UpstreamLimits { RequestsPerMinute = 2, TokensPerMinute = 1000, MaxConcurrency = 8 }, _time);

        // Too many tokens: refused on tokens, and the request bucket keeps both permits.
        using (var big = limiter.TryAcquire(900, out _))
        {
            Assert.NotNull(big);
        }
        Assert.Null(limiter.TryAcquire(900, out var refusal));
        Assert.Equal(LimitKind.Tokens, refusal.Kind);
        Assert.Equal(TimeSpan.FromSeconds(48), refusal.RetryAfter);

        using var small = limiter.TryAcquire(50, out _);
        Assert.NotNull(small);
        Assert.Null(limiter.TryAcquire(1, out refusal));
        Assert.Equal(LimitKind.Requests, refusal.Kind);
    }

    [Fact]
    public void UpstreamLimiter_ConcurrencyIsReturnedOnDispose()
    {
        using var limiter = new UpstreamLimiter(new UpstreamLimits { MaxConcurrency = 1 }, _time);
        var first = limiter.TryAcquire(10, out _);
        Assert.NotNull(first);
        Assert.Equal(1, limiter.InFlight);
        Assert.Null(limiter.TryAcquire(10, out var refusal));
        Assert.Equal(LimitKind.Concurrency, refusal.Kind);

        first.Dispose();
        first.Dispose();
        using var second = limiter.TryAcquire(10, out _);
        Assert.NotNull(second);
    }

    [Fact]
    public void UpstreamLimiter_Peek_TakesNothing()
    {
        using var limiter = new UpstreamLimiter(new UpstreamLimits { RequestsPerMinute = 1 }, _time);
        Assert.Null(limiter.Peek(10));
        Assert.Null(limiter.Peek(10));
        using var permit = limiter.TryAcquire(10, out _);
        Assert.NotNull(permit);
        Assert.Equal(LimitKind.Requests, limiter.Peek(10)!.Value.Kind);
    }
}
