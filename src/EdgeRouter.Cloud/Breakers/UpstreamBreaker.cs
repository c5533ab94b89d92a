using EdgeRouter.Cloud.Config;
using Polly;
using Polly.CircuitBreaker;

namespace EdgeRouter.Cloud.Breakers;

/// <summary>What the breaker would do with a call right now.</summary>
public readonly record struct BreakerPeek(bool Admits, CircuitState State, TimeSpan RetryAfter);

/// <summary>
/// Polly.Core's advanced circuit breaker for one upstream, fed only with outage outcomes (5xx, transport failures,
/// timeouts): throttles, credential and request errors have their own actions and count as "not an outage".
/// Open → after the break duration exactly one half-open trial is admitted; its outcome closes or re-opens the circuit.
/// All time comes from the router's TimeProvider, so tests drive it with a manual clock.
/// </summary>
public sealed class UpstreamBreaker
{
    private readonly ResiliencePipeline<bool> _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly CircuitBreakerManualControl _control = new();
    private readonly TimeProvider _time;
    private readonly string _upstream;
    private readonly HealthEvents? _events;
    private long _openUntilTimestamp;
    private long _openUntilUtcTicks;
    private readonly TimeSpan _breakDuration;
    private ITimer? _restoredBreakTimer;

    public UpstreamBreaker(string upstream, BreakerConfig config, TimeProvider time, HealthEvents? events = null)
    {
        _upstream = upstream;
        _time = time;
        _events = events;
        _breakDuration = config.BreakDuration;
        _pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = time, Name = $"upstream:{upstream}" }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<bool>
            {
                FailureRatio = config.FailureRatio,
                MinimumThroughput = config.MinimumThroughput,
                SamplingDuration = config.SamplingDuration,
                BreakDuration = config.BreakDuration,
                StateProvider = _state,
                ManualControl = _control,
                // A result of true means "this attempt was an outage"; an exception escaping the attempt is a bug in
                // our code, not the upstream's, so only a client cancellation is excluded explicitly.
                ShouldHandle = static args => new ValueTask<bool>(
                    args.Outcome.Result || args.Outcome.Exception is not null and not OperationCanceledException),
                OnOpened = args =>
                {
                    // Only RestoreOpenAsync isolates the circuit; it keeps its own deadline and says so itself.
                    if (args.IsManual)
                    {
                        return default;
                    }
                    var until = _time.GetTimestamp() + (long)(args.BreakDuration.TotalSeconds * _time.TimestampFrequency);
                    Interlocked.Exchange(ref _openUntilTimestamp, until);
                    var untilUtc = _time.GetUtcNow() + args.BreakDuration;
                    Interlocked.Exchange(ref _openUntilUtcTicks, untilUtc.UtcTicks);
                    _events?.Publish(new HealthEvent(HealthEventKind.BreakerOpened, _upstream, untilUtc,
                        $"outages reached {config.FailureRatio:P0} of at least {config.MinimumThroughput} attempts"));
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    _events?.Publish(new HealthEvent(HealthEventKind.BreakerHalfOpened, _upstream, null, "admitting one trial"));
                    return default;
                },
                OnClosed = args =>
                {
                    _events?.Publish(new HealthEvent(HealthEventKind.BreakerClosed, _upstream, null, args.IsManual ? "closed" : "trial succeeded"));
                    return default;
                },
            })
            .Build();
    }

    public CircuitState State => _state.CircuitState;

    /// <summary>Whether a call now would be let through: closed, or open with its break over (the half-open trial).</summary>
    public BreakerPeek Peek()
    {
        var state = _state.CircuitState;
        var remaining = Remaining();
        return state switch
        {
            CircuitState.Closed => new BreakerPeek(true, state, TimeSpan.Zero),
            CircuitState.Open when remaining == TimeSpan.Zero => new BreakerPeek(true, state, TimeSpan.Zero),
            CircuitState.Open => new BreakerPeek(false, state, remaining),
            // A trial is in flight; its outcome decides, usually within one first-token timeout.
            _ => new BreakerPeek(false, state, remaining > TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1)),
        };
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> through the circuit. The attempt returns true when its outcome was an outage.
    /// Returns false without running it when the circuit refuses (open, or a half-open trial already in flight).
    /// </summary>
    public async ValueTask<bool> TryExecuteAsync<TState>(Func<TState, CancellationToken, ValueTask<bool>> attempt, TState state,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, s) =>
                {
                    try
                    {
                        return Outcome.FromResult(await s.attempt(s.state, ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<bool>(ex);
                    }
                },
                context,
                (attempt, state)).ConfigureAwait(false);
            if (outcome.Exception is BrokenCircuitException or IsolatedCircuitException)
            {
                return false;
            }
            outcome.ThrowIfException();
            return true;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>When an open circuit's break ends (wall clock, for the state file); null while closed or half-open.</summary>
    public DateTimeOffset? OpenUntil =>
        _state.CircuitState is CircuitState.Open or CircuitState.Isolated && Remaining() > TimeSpan.Zero
            ? new DateTimeOffset(Interlocked.Read(ref _openUntilUtcTicks), TimeSpan.Zero)
            : null;

    /// <summary>
    /// Holds the circuit open until <paramref name="until"/> (at most one break duration from now), for a break saved
    /// before a restart. The sampled outcomes did not survive the restart, so the held circuit then closes rather than
    /// admitting a half-open trial. Publishes <see cref="HealthEventKind.BreakerOpened"/>; false when the time has passed.
    /// </summary>
    public async Task<bool> RestoreOpenAsync(DateTimeOffset until)
    {
        var now = _time.GetUtcNow();
        var remaining = until - now;
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }
        if (remaining > _breakDuration)
        {
            (remaining, until) = (_breakDuration, now + _breakDuration);
        }
        Interlocked.Exchange(ref _openUntilTimestamp, _time.GetTimestamp() + (long)(remaining.TotalSeconds * _time.TimestampFrequency));
        Interlocked.Exchange(ref _openUntilUtcTicks, until.UtcTicks);
        await _control.IsolateAsync().ConfigureAwait(false);
        var release = _time.CreateTimer(static state => ((UpstreamBreaker)state!).EndRestoredBreak(), this, remaining, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _restoredBreakTimer, release)?.Dispose();
        _events?.Publish(new HealthEvent(HealthEventKind.BreakerOpened, _upstream, until, "restored from the state file"));
        return true;
    }

    /// <summary>Closes the circuit and forgets the sampled outcomes (an operator's reset).</summary>
    public Task ResetAsync() => _control.CloseAsync();

    /// <summary>
    /// Counts an outage seen outside an execution (a stream that died after its first token). Only while closed:
    /// an open circuit already knows, and a half-open trial is judged by its own outcome.
    /// </summary>
    public void RecordOutage()
    {
        if (_state.CircuitState != CircuitState.Closed)
        {
            return;
        }
        try
        {
            _pipeline.Execute(static () => true);
        }
        catch (ExecutionRejectedException)
        {
            // Opened in the meantime by another caller: nothing left to record.
        }
    }

    private void EndRestoredBreak()
    {
        Interlocked.Exchange(ref _restoredBreakTimer, null)?.Dispose();
        // Only a restored break isolates; an operator may have closed it, and it may have opened anew since.
        if (_state.CircuitState == CircuitState.Isolated)
        {
            _ = _control.CloseAsync();
        }
    }

    private TimeSpan Remaining()
    {
        var ticks = Interlocked.Read(ref _openUntilTimestamp) - _time.GetTimestamp();
        return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(ticks / (double)_time.TimestampFrequency);
    }
}
