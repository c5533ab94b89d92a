namespace EdgeRouter.Tests.Support;

/// <summary>
/// A clock that only moves on <see cref="Advance"/>; timers created from it fire during Advance, in due order.
/// Tests take <see cref="TestClock.Fake"/> (Microsoft's FakeTimeProvider) unless they need one of the four things this
/// clock does and FakeTimeProvider 10 does not:
/// <list type="number">
/// <item>Timestamps in odd units (7 ticks per 100 ns) from an odd origin. FakeTimeProvider's timestamps are
/// DateTimeOffset ticks: code that reads a timestamp difference as TimeSpan ticks passes there and is wrong in
/// production (Stopwatch ticks are nanoseconds on Linux), and time buckets cut from timestamps start on whole seconds,
/// in step with the test's advances. Kept where the code under test does its own arithmetic with TimestampFrequency: CooldownStore, UpstreamBreaker, RetryBudget,
/// ClockedTokenBucket, TierFailback, RouteWalk; so their tests, and every test that runs the whole router
/// (<see cref="TestRouter"/>, RouterHarness and the CLI runs built from TestRouter.Overrides).</item>
/// <item>Advance moves the clock to each timer's due time before firing it, and a timer armed by a callback fires in
/// the same Advance once it falls due. FakeTimeProvider moves to the end first and fires everything due there, so the
/// ticks of a periodic timer over several periods all see the last instant (WatchdogPingerTests advance over several
/// ping intervals at once).</item>
/// <item>A timer armed with a zero due time waits for the next Advance. FakeTimeProvider calls it at once, on the
/// arming thread and inside whatever lock that thread holds; TierFailback re-arms its probe timer with a zero wait under
/// its lock, one more reason the whole-router tests stay here.</item>
/// <item><see cref="ActiveTimers"/> and <see cref="WaitForActiveTimerAsync"/>: a test can tell that the code under test
/// is parked on a timer (GracefulStopTests, SystemdLifecycleTests, TelemetrySamplerTests).</item>
/// </list>
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private const long TimestampTicksPerTimeSpanTick = 7;

    /// <summary>Timestamps are arbitrary like Stopwatch's, never 0-based (code must only ever subtract them).</summary>
    private const long TimestampOrigin = 1_000_003;

    private readonly Lock _sync = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _elapsedTicks;
    private TaskCompletionSource? _armed;

    public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? TestClock.Start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond * TimestampTicksPerTimeSpanTick;

    public override long GetTimestamp()
    {
        lock (_sync)
        {
            return TimestampOrigin + (_elapsedTicks * TimestampTicksPerTimeSpanTick);
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Active timers (not disposed, with a due time).</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_sync)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>
    /// Completes once a timer is active (at once if one already is): a test waits for the code under test to park on
    /// its timer instead of polling <see cref="ActiveTimers"/>.
    /// </summary>
    public Task WaitForActiveTimerAsync()
    {
        lock (_sync)
        {
            if (_timers.Any(t => t.DueAt is not null))
            {
                return Task.CompletedTask;
            }
            _armed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _armed.Task;
        }
    }

    private void Armed_NeedsLock()
    {
        _armed?.TrySetResult();
        _armed = null;
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        long target;
        lock (_sync)
        {
            target = _elapsedTicks + by.Ticks;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_sync)
            {
                next = _timers.Where(t => t.DueAt is { } due && due <= target).MinBy(t => t.DueAt!.Value);
                if (next is null)
                {
                    _now += TimeSpan.FromTicks(target - _elapsedTicks);
                    _elapsedTicks = target;
                    return;
                }
                var due = next.DueAt!.Value;
                _now += TimeSpan.FromTicks(due - _elapsedTicks);
                _elapsedTicks = due;
                next.Reschedule_NeedsLock(_elapsedTicks);
            }
            next.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_sync)
        {
            _timers.Add(timer);
            timer.Change_NeedsLock(dueTime, period, _elapsedTicks);
        }
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private long? _period;

        public long? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._sync)
            {
                if (!owner._timers.Contains(this))
                {
                    return false;
                }
                Change_NeedsLock(dueTime, period, owner._elapsedTicks);
                return true;
            }
        }

        public void Change_NeedsLock(TimeSpan dueTime, TimeSpan period, long now)
        {
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + Math.Max(0, dueTime.Ticks);
            _period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period.Ticks;
            if (DueAt is not null)
            {
                owner.Armed_NeedsLock();
            }
        }

        public void Reschedule_NeedsLock(long now) => DueAt = _period is { } p ? now + p : null;

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._sync)
            {
                owner._timers.Remove(this);
                DueAt = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
