using System.Threading.RateLimiting;
using EdgeRouter.Cloud.Config;

namespace EdgeRouter.Cloud.Limits;

public enum LimitKind { Requests, Tokens, Concurrency, SlowStart }

/// <summary>Why a send may not happen now, and when it likely could.</summary>
public readonly record struct LimitRefusal(LimitKind Kind, TimeSpan RetryAfter)
{
    public string Reason => Kind switch
    {
        LimitKind.Requests => "rate-limited",
        LimitKind.Tokens => "token-limited",
        LimitKind.SlowStart => "slow-start",
        _ => "concurrency",
    };
}

/// <summary>
/// Everything the provider allows one upstream, checked together before a send: requests per minute, tokens per
/// minute (prompt estimate plus expected completion) and requests in flight, plus the slow start of the upstream's
/// failure domain (shared with the other upstreams on its key). Acquisition is all-or-nothing under one lock, so a
/// refusal never burns a request permit.
/// </summary>
public sealed class UpstreamLimiter : IDisposable
{
    private static readonly TimeSpan ConcurrencyRetryAfter = TimeSpan.FromSeconds(1);

    private readonly ClockedTokenBucket? _requests;
    private readonly ClockedTokenBucket? _tokens;
    private readonly ConcurrencyLimiter _concurrency;
    private readonly Lock _sync = new();
    private readonly int _maxConcurrency;
    private readonly SlowStart? _slowStart;

    /// <param name="slowStart">The failure domain's slow start; null for none (tests of the limits alone).</param>
    public UpstreamLimiter(UpstreamLimits limits, TimeProvider time, SlowStart? slowStart = null)
    {
        _maxConcurrency = limits.MaxConcurrency;
        _slowStart = slowStart;
        if (limits.RequestsPerMinute is { } rpm)
        {
            _requests = ClockedTokenBucket.PerMinute(rpm, limits.RequestBurst, time);
        }
        if (limits.TokensPerMinute is { } tpm)
        {
            _tokens = ClockedTokenBucket.PerMinute(tpm, null, time);
        }
        _concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = limits.MaxConcurrency, QueueLimit = 0 });
    }

    /// <summary>Would a send of about <paramref name="tokens"/> tokens be allowed now? Null means yes.</summary>
    public LimitRefusal? Peek(int tokens)
    {
        lock (_sync)
        {
            return Check_NeedsLock(tokens);
        }
    }

    /// <summary>Takes every permit a send needs, or none. Dispose the permit when the attempt ends.</summary>
    public UpstreamPermit? TryAcquire(int tokens, out LimitRefusal refusal)
    {
        lock (_sync)
        {
            if (Check_NeedsLock(tokens) is { } refused)
            {
                refusal = refused;
                return null;
            }
            var slot = _concurrency.AttemptAcquire();
            if (!slot.IsAcquired)
            {
                slot.Dispose();
                refusal = new LimitRefusal(LimitKind.Concurrency, ConcurrencyRetryAfter);
                return null;
            }
            // Last: another upstream on the same domain may have taken the cold domain's place since the check.
            SlowStartTicket? ticket = null;
            if (_slowStart is not null && (ticket = _slowStart.TryEnter()) is null)
            {
                slot.Dispose();
                refusal = _slowStart.Peek() ?? new LimitRefusal(LimitKind.SlowStart, ConcurrencyRetryAfter);
                return null;
            }
            _requests?.AttemptAcquire(1).Dispose();
            _tokens?.AttemptAcquire(Clamp(tokens, _tokens)).Dispose();
            refusal = default;
            return new UpstreamPermit(slot, ticket);
        }
    }

    /// <summary>Sends in flight now.</summary>
    public int InFlight => _maxConcurrency - (int)(_concurrency.GetStatistics()?.CurrentAvailablePermits ?? _maxConcurrency);

    private LimitRefusal? Check_NeedsLock(int tokens)
    {
        if (_concurrency.GetStatistics() is { CurrentAvailablePermits: <= 0 })
        {
            return new LimitRefusal(LimitKind.Concurrency, ConcurrencyRetryAfter);
        }
        if (_requests is not null && _requests.TimeUntilAvailable(1) is var r && r > TimeSpan.Zero)
        {
            return new LimitRefusal(LimitKind.Requests, r);
        }
        if (_tokens is not null && _tokens.TimeUntilAvailable(Clamp(tokens, _tokens)) is var t && t > TimeSpan.Zero)
        {
            return new LimitRefusal(LimitKind.Tokens, t);
        }
        return _slowStart?.Peek();
    }

    /// <summary>A request bigger than the whole bucket waits for a full bucket rather than never going out.</summary>
    private static int Clamp(int tokens, ClockedTokenBucket bucket) => Math.Clamp(tokens, 1, bucket.Capacity);

    public void Dispose()
    {
        _requests?.Dispose();
        _tokens?.Dispose();
        _concurrency.Dispose();
    }
}

/// <summary>The in-flight slot of one send (and its place in the domain's slow start); the rate permits are spent and need no return.</summary>
public sealed class UpstreamPermit(RateLimitLease concurrency, SlowStartTicket? slowStart = null) : IDisposable
{
    private int _disposed;

    /// <summary>The send's first answer arrived: a committed stream or a good probe (<paramref name="good"/>), or a failure status.</summary>
    public void Answered(bool good) => slowStart?.Answered(good);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            slowStart?.Dispose();
            concurrency.Dispose();
        }
    }
}
