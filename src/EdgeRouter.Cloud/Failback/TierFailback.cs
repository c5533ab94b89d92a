using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Core.Routing;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace EdgeRouter.Cloud.Failback;

/// <summary>
/// The failback state machine of one upstream tier. Nothing returns by the clock alone:
/// <code>
/// InService ─(its domain cools or is disabled, its circuit opens)─► Down, or Held when it flaps
/// Down/Held ─(cooldown, break, hold and backoff all over)─► Probing ─(N probe successes in a row)─► InService
/// Probing ─(throttle: cooldown again │ rejected key: disabled │ outage or odd answer: doubling backoff)─► Down
/// </code>
/// Driven by <see cref="HealthEvents"/> (so a cooldown restored at start takes the tier down like a fresh one) and by
/// one TimeProvider timer; never by real traffic, which skips the tier until it is back in service. An operator's
/// cooldown clear or breaker reset puts it back at once unless something else still holds it out.
/// </summary>
internal sealed class TierFailback : IDisposable
{
    private readonly IProbeTarget _target;
    private readonly CooldownStore _cooldowns;
    private readonly FailbackConfig _config;
    private readonly TimeProvider _time;
    private readonly HealthEvents _events;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sync = new();
    private readonly Queue<long> _recentTransitions = new();
    private FailbackState _state = FailbackState.InService;
    private FailureClass? _cause;
    private int _successes;
    private int _transitions;
    private int _holds;
    private int _failedProbes;
    private long _notBefore;
    private long? _nextProbe;
    private bool _probeOut;
    private bool _disposed;
    private Task _probe = Task.CompletedTask;

    public TierFailback(IProbeTarget target, CooldownStore cooldowns, FailbackConfig config, TimeProvider time, HealthEvents events,
        ILogger logger)
    {
        _target = target;
        _cooldowns = cooldowns;
        _config = config;
        _time = time;
        _events = events;
        _logger = logger;
        _timer = time.CreateTimer(static s => ((TierFailback)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _events.Raised += OnHealthEvent;
        // A rest that exists before this tier was watched (restored at start) takes it down like a fresh one.
        if (cooldowns.Active(target.Domain) is { } cooldown)
        {
            TakeDown(cooldown.Kind == CooldownKind.CredentialDisabled ? FailureClass.Credential : FailureClass.Throttle, cooldown.Reason, null);
        }
        else if (target.Breaker.State != CircuitState.Closed)
        {
            TakeDown(FailureClass.Outage, "circuit open", null);
        }
    }

    /// <summary>The probe now out, if any (tests wait for it instead of sleeping).</summary>
    internal Task CurrentProbe => Volatile.Read(ref _probe);

    public FailbackSnapshot Snapshot()
    {
        lock (_sync)
        {
            return new FailbackSnapshot(_state, NextProbeUtc_NeedsLock(), _successes, _transitions, _cause);
        }
    }

    /// <summary>A client's best guess at when real traffic may reach this tier again: the next probe plus the rest still needed.</summary>
    public TimeSpan ExpectedReturn()
    {
        lock (_sync)
        {
            var next = _nextProbe is { } at ? Until(at) : _config.ProbeInterval;
            var more = Math.Max(0, _config.SuccessesToRecover - _successes - 1);
            return next + (_config.ProbeInterval * more);
        }
    }

    private void OnHealthEvent(HealthEvent e)
    {
        var mine = string.Equals(e.Subject, _target.Name, StringComparison.OrdinalIgnoreCase);
        var myDomain = string.Equals(e.Subject, _target.Domain, StringComparison.Ordinal);
        switch (e.Kind)
        {
            case HealthEventKind.Cooldown when myDomain:
                TakeDown(FailureClass.Throttle, e.Reason, e.Until);
                break;
            case HealthEventKind.CredentialDisabled when myDomain:
                TakeDown(FailureClass.Credential, e.Reason, e.Until);
                break;
            case HealthEventKind.BreakerOpened when mine:
                TakeDown(FailureClass.Outage, e.Reason, e.Until);
                break;
            case HealthEventKind.CooldownCleared when myDomain:
            case HealthEventKind.BreakerReset when mine:
                Restore(e.Reason);
                break;
        }
    }

    /// <param name="until">The event's own end, honoured too: a circuit restored from elsewhere may not say when it closes.</param>
    private void TakeDown(FailureClass cause, string reason, DateTimeOffset? until)
    {
        bool wentDown;
        var inWindow = 0;
        TimeSpan? hold = null;
        DateTimeOffset? nextProbe;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }
            var now = _time.GetTimestamp();
            _cause = cause;
            _successes = 0;
            if (until is { } end && end > _time.GetUtcNow())
            {
                _notBefore = Math.Max(_notBefore, now + Ticks(end - _time.GetUtcNow()));
            }
            wentDown = _state == FailbackState.InService;
            if (wentDown)
            {
                inWindow = CountTransition_NeedsLock(now);
                if (inWindow == 1)
                {
                    // In service for a whole window: earlier flapping is forgiven.
                    _holds = 0;
                }
                if (inWindow > _config.FlapMaxTransitions)
                {
                    hold = FlapHold(_holds++);
                    _notBefore = Math.Max(_notBefore, now + Ticks(hold.Value));
                    _state = FailbackState.Held;
                }
                else
                {
                    _state = FailbackState.Down;
                }
            }
            else if (_state == FailbackState.Probing)
            {
                _state = FailbackState.Down;
            }
            Schedule_NeedsLock();
            nextProbe = NextProbeUtc_NeedsLock();
        }
        if (!wentDown)
        {
            return;
        }
        CloudLog.TierDown(_logger, _target.Name, cause.ToString(), reason, nextProbe);
        _events.Publish(new HealthEvent(HealthEventKind.TierDown, _target.Name, nextProbe, reason));
        if (hold is { } held)
        {
            CloudLog.TierFlapping(_logger, _target.Name, inWindow, _config.FlapWindow.TotalSeconds, held.TotalSeconds);
            _events.Publish(new HealthEvent(HealthEventKind.Flapping, _target.Name, nextProbe,
                $"{inWindow} transitions in {_config.FlapWindow.TotalSeconds:0} s; held out for {held.TotalSeconds:0} s"));
        }
    }

    private void Restore(string reason)
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }
            // The operator knows best: no backoff, no hold, no flap history.
            _notBefore = 0;
            _failedProbes = 0;
            _holds = 0;
            _successes = 0;
            _recentTransitions.Clear();
            if (_state == FailbackState.InService)
            {
                return;
            }
            if (_cooldowns.Active(_target.Domain) is null && _target.Breaker.State == CircuitState.Closed)
            {
                _state = FailbackState.InService;
                _cause = null;
                _transitions++;
            }
            Schedule_NeedsLock();
            if (_state != FailbackState.InService)
            {
                // Something the operator did not clear still holds it out; probing resumes once that ends.
                return;
            }
        }
        CloudLog.TierRestored(_logger, _target.Name, reason);
        _events.Publish(new HealthEvent(HealthEventKind.TierUp, _target.Name, null, reason));
    }

    private void OnTimer()
    {
        CancellationToken stopping;
        lock (_sync)
        {
            if (_disposed || _probeOut || _state == FailbackState.InService)
            {
                return;
            }
            if (Due_NeedsLock() > _time.GetTimestamp())
            {
                // The rest grew since the timer was set (a longer cooldown, a new hold).
                Schedule_NeedsLock();
                return;
            }
            _state = FailbackState.Probing;
            _probeOut = true;
            _nextProbe = null;
            stopping = _stopping.Token;
        }
        Volatile.Write(ref _probe, ProbeAsync(stopping));
    }

    private async Task ProbeAsync(CancellationToken stopping)
    {
        // Off the timer's thread: the probe must never run inside whoever fired the timer.
        await Task.Yield();
        var outcome = await _target.ProbeAsync(stopping).ConfigureAwait(false);
        if (stopping.IsCancellationRequested)
        {
            return;
        }
        if (outcome.Refusal is { } refusal)
        {
            Deferred(refusal);
        }
        else if (outcome.Failure is { } failure)
        {
            Failed(failure);
        }
        else
        {
            await SucceededAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The upstream's own rate budget said no: the probe waits for the next round, like real traffic would.</summary>
    private void Deferred(LimitRefusal refusal)
    {
        var wait = refusal.RetryAfter > _config.ProbeInterval ? refusal.RetryAfter : _config.ProbeInterval;
        lock (_sync)
        {
            _probeOut = false;
            _notBefore = Math.Max(_notBefore, _time.GetTimestamp() + Ticks(wait));
            Schedule_NeedsLock();
        }
        CloudLog.ProbeDeferred(_logger, _target.Name, refusal.Reason, wait.TotalSeconds);
    }

    private void Failed(TierFailure failure)
    {
        var throttleOrKey = failure.Class is FailureClass.Throttle or FailureClass.Credential;
        if (throttleOrKey)
        {
            // The normal action: the domain cools (or is disabled) again, and its event takes this tier down.
            _target.ApplyFailure(failure);
        }
        DateTimeOffset? until;
        lock (_sync)
        {
            _probeOut = false;
            _successes = 0;
            if (!throttleOrKey)
            {
                _cause = FailureClass.Outage;
                _notBefore = Math.Max(_notBefore, _time.GetTimestamp() + Ticks(Backoff(_failedProbes++)));
            }
            if (_state == FailbackState.Probing)
            {
                _state = FailbackState.Down;
            }
            Schedule_NeedsLock();
            until = NextProbeUtc_NeedsLock();
        }
        CloudLog.ProbeFailed(_logger, _target.Name, failure.Class.ToString(), failure.Reason, failure.Message, until);
        _events.Publish(new HealthEvent(HealthEventKind.ProbeFailed, _target.Name, until, $"{failure.Class}: {failure.Reason}"));
    }

    private async Task SucceededAsync()
    {
        int successes;
        DateTimeOffset? until;
        lock (_sync)
        {
            if (_state != FailbackState.Probing)
            {
                // Taken down while the probe was out: that news is newer than this success.
                _probeOut = false;
                Schedule_NeedsLock();
                return;
            }
            successes = ++_successes;
            _failedProbes = 0;
            if (successes < _config.SuccessesToRecover)
            {
                _probeOut = false;
                _notBefore = _time.GetTimestamp() + Ticks(_config.ProbeInterval);
                Schedule_NeedsLock();
            }
            until = NextProbeUtc_NeedsLock();
        }
        CloudLog.ProbeSucceeded(_logger, _target.Name, successes, _config.SuccessesToRecover);
        _events.Publish(new HealthEvent(HealthEventKind.ProbeSucceeded, _target.Name, until,
            $"{successes} of {_config.SuccessesToRecover} in a row"));
        if (successes < _config.SuccessesToRecover)
        {
            return;
        }

        if (_target.Breaker.State != CircuitState.Closed)
        {
            // Probes proved the upstream back; real traffic must not spend a half-open trial to prove it again.
            await _target.Breaker.ResetAsync().ConfigureAwait(false);
        }
        lock (_sync)
        {
            _probeOut = false;
            if (_state != FailbackState.Probing)
            {
                Schedule_NeedsLock();
                return;
            }
            _state = FailbackState.InService;
            _cause = null;
            _successes = 0;
            _notBefore = 0;
            CountTransition_NeedsLock(_time.GetTimestamp());
            Schedule_NeedsLock();
        }
        CloudLog.TierUp(_logger, _target.Name, successes);
        _events.Publish(new HealthEvent(HealthEventKind.TierUp, _target.Name, null, $"{successes} probe successes in a row"));
    }

    /// <summary>Arms the timer for the end of every rest; disarms it in service or while a probe is out (its end re-arms).</summary>
    private void Schedule_NeedsLock()
    {
        if (_disposed)
        {
            return;
        }
        if (_state == FailbackState.InService || _probeOut)
        {
            _nextProbe = null;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var now = _time.GetTimestamp();
        var due = Math.Max(now, Due_NeedsLock());
        _nextProbe = due;
        // Rounded up: a timer that fires a hair early would find the rest not quite over.
        var wait = TimeSpan.FromTicks((long)Math.Ceiling((due - now) * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency));
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The first moment no rest holds the tier out: cooldown, circuit break, flap hold, probe backoff or round.</summary>
    private long Due_NeedsLock()
    {
        var now = _time.GetTimestamp();
        var due = _notBefore;
        var cooling = _cooldowns.Remaining(_target.Domain);
        if (cooling > TimeSpan.Zero)
        {
            due = Math.Max(due, now + Ticks(cooling));
        }
        // Only a timed break: a half-open trial or an isolated circuit says nothing about when to probe.
        if (_target.Breaker.Peek() is { Admits: false, State: CircuitState.Open } breaker)
        {
            due = Math.Max(due, now + Ticks(breaker.RetryAfter));
        }
        return due;
    }

    private int CountTransition_NeedsLock(long now)
    {
        _transitions++;
        _recentTransitions.Enqueue(now);
        var windowStart = now - Ticks(_config.FlapWindow);
        while (_recentTransitions.Peek() < windowStart)
        {
            _recentTransitions.Dequeue();
        }
        return _recentTransitions.Count;
    }

    private DateTimeOffset? NextProbeUtc_NeedsLock() => _nextProbe is { } at ? _time.GetUtcNow() + Until(at) : null;

    private TimeSpan FlapHold(int previousHolds) => Doubled(_config.FlapHold, previousHolds, _config.MaxFlapHold);

    private TimeSpan Backoff(int previousFailures) => Doubled(_config.ProbeInterval, previousFailures, _config.MaxProbeInterval);

    private static TimeSpan Doubled(TimeSpan first, int doublings, TimeSpan cap)
    {
        var ticks = first.Ticks * Math.Pow(2, Math.Min(doublings, 30));
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }

    private TimeSpan Until(long timestamp)
    {
        var ticks = timestamp - _time.GetTimestamp();
        return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(ticks / (double)_time.TimestampFrequency);
    }

    private long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * _time.TimestampFrequency);

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
        }
        _events.Raised -= OnHealthEvent;
        _timer.Dispose();
        // Cancelled, not disposed: a probe that is just starting may still link to its token.
        _stopping.Cancel();
    }
}
