using System.Threading.RateLimiting;

namespace EdgeRouter.Core.Gate;

/// <summary>
/// Exactly one local generation at a time, a short bounded queue, and an immediate refusal with a Retry-After
/// estimate instead of a pile-up. The estimate comes from the running generation's progress and the measured
/// decode rate, so a client told "come back in 4 s" usually finds the slot free.
/// </summary>
public sealed class InferenceGate : IDisposable
{
    private const double RateSmoothing = 0.3;

    private readonly GateOptions _options;
    private readonly ConcurrencyLimiter _limiter;
    private readonly Lock _sync = new();
    private GateLease? _current;
    private long _admitted;
    private long _rejected;
    private long _timedOut;
    private double _tokensPerSecond;
    private bool _saturated;

    public InferenceGate(GateOptions options, TimeProvider time)
    {
        options.Validate();
        _options = options;
        Time = time;
        _tokensPerSecond = options.InitialTokensPerSecond;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = 1,
            QueueLimit = options.QueueLength,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    internal TimeProvider Time { get; }

    // The limiter's own count: a caller refused because the queue is full was never queued, not even for an instant.
    private int Queued => (int)(_limiter.GetStatistics()?.CurrentQueuedCount ?? 0);

    public GateOptions Options => _options;

    /// <summary>
    /// Raised with true when the gate refuses a caller after admitting everyone, and with false when it next grants
    /// the slot with nobody left waiting. Raised outside the gate's lock, on the caller's thread: keep handlers quick.
    /// </summary>
    public event Action<bool>? SaturationChanged;

    public GateSnapshot Snapshot()
    {
        lock (_sync)
        {
            return new GateSnapshot(_current is null ? 0 : 1, Queued, _admitted, _rejected, _timedOut, _tokensPerSecond);
        }
    }

    /// <summary>
    /// Takes the slot, waiting at most <see cref="GateOptions.MaxWait"/> in the bounded queue. Returns a refusal
    /// at once when the queue is full. Throws <see cref="OperationCanceledException"/> only when the caller cancels.
    /// </summary>
    /// <param name="budgetTokens">The most tokens this generation may produce, for other callers' Retry-After.</param>
    public async ValueTask<GateResult> AcquireAsync(int? budgetTokens, CancellationToken cancellationToken)
    {
        var budget = budgetTokens is > 0 ? budgetTokens.Value : _options.AssumedCompletionTokens;

        var immediate = _limiter.AttemptAcquire();
        if (immediate.IsAcquired)
        {
            return Grant(immediate, budget);
        }
        immediate.Dispose();

        if (_options.QueueLength == 0 || _options.MaxWait == TimeSpan.Zero)
        {
            return Refuse($"{_options.SlotName} is busy and the queue is disabled", timedOut: false);
        }

        using var deadline = new CancellationTokenSource(_options.MaxWait, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        RateLimitLease permit;
        try
        {
            permit = await _limiter.AcquireAsync(1, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refuse($"{_options.SlotName} stayed busy for the whole {_options.MaxWait.TotalSeconds:0.#} s wait", timedOut: true);
        }

        if (!permit.IsAcquired)
        {
            permit.Dispose();
            return Refuse($"{_options.SlotName} is busy and its queue is full", timedOut: false);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            // Granted in the same instant the caller gave up: hand the slot straight back.
            permit.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
        }
        return Grant(permit, budget);
    }

    /// <summary>
    /// Takes the slot only if it is free this instant; never queues. A refusal is not counted as rejected: the caller
    /// (a router deciding whether to spill) has somewhere else to go.
    /// </summary>
    public GateResult TryAcquireNow(int? budgetTokens)
    {
        var budget = budgetTokens is > 0 ? budgetTokens.Value : _options.AssumedCompletionTokens;
        var permit = _limiter.AttemptAcquire();
        if (permit.IsAcquired)
        {
            return Grant(permit, budget);
        }
        permit.Dispose();
        return GateResult.Refused(EstimateRetryAfter(), $"{_options.SlotName} is busy");
    }

    /// <summary>How long until a new caller would likely get the slot, rounded up to whole seconds.</summary>
    public TimeSpan EstimateRetryAfter()
    {
        lock (_sync)
        {
            return EstimateRetryAfter_NeedsLock();
        }
    }

    private GateResult Grant(RateLimitLease permit, int budget)
    {
        var lease = new GateLease(this, permit, budget, Time.GetTimestamp());
        bool recovered;
        lock (_sync)
        {
            _current = lease;
            _admitted++;
            recovered = _saturated && Queued == 0;
            _saturated &= !recovered;
        }
        if (recovered)
        {
            SaturationChanged?.Invoke(false);
        }
        return GateResult.Granted(lease);
    }

    private GateResult Refuse(string reason, bool timedOut)
    {
        GateResult result;
        bool saturated;
        lock (_sync)
        {
            _rejected++;
            if (timedOut)
            {
                _timedOut++;
            }
            saturated = !_saturated;
            _saturated = true;
            result = GateResult.Refused(EstimateRetryAfter_NeedsLock(), reason);
        }
        if (saturated)
        {
            SaturationChanged?.Invoke(true);
        }
        return result;
    }

    internal void Release(GateLease lease)
    {
        var now = Time.GetTimestamp();
        lock (_sync)
        {
            if (ReferenceEquals(_current, lease))
            {
                _current = null;
            }
            var generated = lease.GeneratedTokens;
            if (generated > 1 && lease.FirstTokenTimestamp is { } firstToken)
            {
                var decode = Time.GetElapsedTime(firstToken, now).TotalSeconds;
                if (decode > 0)
                {
                    var rate = (generated - 1) / decode;
                    _tokensPerSecond = (RateSmoothing * rate) + ((1 - RateSmoothing) * _tokensPerSecond);
                }
            }
        }
    }

    private TimeSpan EstimateRetryAfter_NeedsLock()
    {
        var remainingTokens = 0.0;
        if (_current is { } running)
        {
            remainingTokens = Math.Max(0, running.BudgetTokens - running.GeneratedTokens);
        }
        // Each queued caller is assumed to run a full default-length generation ahead of the new one.
        remainingTokens += Queued * (double)_options.AssumedCompletionTokens;
        var seconds = Math.Ceiling(remainingTokens / Math.Max(_tokensPerSecond, 0.001));
        seconds = Math.Clamp(seconds, 1, _options.MaxRetryAfter.TotalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    public void Dispose() => _limiter.Dispose();
}
