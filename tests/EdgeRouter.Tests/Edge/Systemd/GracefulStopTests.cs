using EdgeRouter.Edge.Systemd;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Edge.Systemd;

public sealed class GracefulStopTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly GracefulStop _stop;

    public GracefulStopTests() =>
        _stop = new GracefulStop(new GracefulStopOptions { DrainTimeout = TimeSpan.FromSeconds(10), AbortGrace = TimeSpan.FromSeconds(3) }, _time);

    /// <summary>
    /// Moves the fake clock in 100 ms steps until <paramref name="task"/> ends (bounded). Each step waits until the
    /// stop loop is parked on its poll timer again, so a busy thread pool cannot let the clock run ahead of it.
    /// </summary>
    private async Task<T> Drive<T>(Task<T> task, Action<TimeSpan>? onStep = null)
    {
        var elapsed = TimeSpan.Zero;
        for (var i = 0; i < 1000 && !task.IsCompleted; i++)
        {
            await Task.WhenAny(_time.WaitForActiveTimerAsync(), task).WaitAsync(TimeSpan.FromSeconds(10));
            if (task.IsCompleted)
            {
                break;
            }
            _time.Advance(TimeSpan.FromMilliseconds(100));
            elapsed += TimeSpan.FromMilliseconds(100);
            onStep?.Invoke(elapsed);
            await Task.Yield();
        }
        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Idle_ReturnsAtOnceAndPersists()
    {
        var persisted = false;

        var report = await _stop.RunAsync(() => true, () => throw new InvalidOperationException("no abort"), _ => { persisted = true; return Task.CompletedTask; });

        Assert.Equal(StopOutcome.Idle, report.Outcome);
        Assert.True(persisted);
        Assert.True(report.Persisted);
    }

    [Fact]
    public async Task GenerationFinishesInTime_Drained()
    {
        var running = true;
        var aborted = false;

        var report = await Drive(_stop.RunAsync(() => !running, () => aborted = true, null),
            elapsed => running = elapsed < TimeSpan.FromSeconds(4));

        Assert.Equal(StopOutcome.Drained, report.Outcome);
        Assert.False(aborted);
        Assert.InRange(report.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GenerationTooLong_AbortedThenPersisted()
    {
        var running = true;
        var persistedAfterAbort = false;

        var report = await Drive(_stop.RunAsync(() => !running, () => running = false,
            _ => { persistedAfterAbort = !running; return Task.CompletedTask; }));

        Assert.Equal(StopOutcome.Aborted, report.Outcome);
        Assert.True(persistedAfterAbort);
        Assert.InRange(report.Elapsed, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(11));
    }

    [Fact]
    public async Task AbortIgnored_GivesUpAfterGrace_PersistErrorReported()
    {
        var report = await Drive(_stop.RunAsync(() => false, () => { }, _ => throw new IOException("disk full")));

        Assert.Equal(StopOutcome.AbortTimedOut, report.Outcome);
        Assert.Equal("disk full", report.PersistError);
        Assert.InRange(report.Elapsed, TimeSpan.FromSeconds(13), TimeSpan.FromSeconds(14));
    }
}
