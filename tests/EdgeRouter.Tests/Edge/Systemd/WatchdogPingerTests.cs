using EdgeRouter.Edge.Systemd;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Edge.Systemd;

public sealed class WatchdogPingerTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly NotifySocketListener _listener = new();
    private bool _workerAlive = true;
    private bool _loopAlive = true;

    private WatchdogPinger NewPinger(params LivenessCheck[] extra) =>
        new(new SdNotify(_listener.NotifySocket), TimeSpan.FromSeconds(30),
            [LivenessCheck.Of("request-loop", () => _loopAlive), LivenessCheck.Of("inference-worker", () => _workerAlive), .. extra], _time);

    private int Pings() => _listener.ReceiveAvailable().Count(m => m == "WATCHDOG=1");

    [Fact]
    public void Pings_AtHalfTheTimeout_WhileAllChecksPass()
    {
        using var pinger = NewPinger();
        Assert.Equal(TimeSpan.FromSeconds(15), pinger.Interval);

        pinger.Start();
        Assert.Equal(1, Pings());
        _time.Advance(TimeSpan.FromSeconds(14.9));
        Assert.Equal(0, Pings());
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, Pings());
        _time.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(3, Pings());
        Assert.Equal(5, pinger.PingCount);
    }

    [Fact]
    public void DeadWorker_StopsPings_UntilItRecovers()
    {
        using var pinger = NewPinger();
        pinger.Start();
        Pings();

        _workerAlive = false;
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, Pings());
        Assert.Equal("inference-worker", pinger.FailingCheck);
        Assert.Equal(2, pinger.MissedCount);

        _workerAlive = true;
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(1, Pings());
        Assert.Null(pinger.FailingCheck);
    }

    [Fact]
    public void HungRequestLoop_NoPings()
    {
        using var pinger = NewPinger();
        _loopAlive = false;

        pinger.Start();
        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(0, Pings());
        Assert.Equal(0, pinger.PingCount);
        Assert.Equal("request-loop", pinger.FailingCheck);
    }

    [Fact]
    public async Task ThrowingOrHangingProbe_CountsAsDead()
    {
        var throwing = new LivenessCheck("throws", _ => throw new HttpRequestException("connection refused"));
        using var pinger = NewPinger(throwing);

        await pinger.TickAsync();

        Assert.Equal("throws", pinger.FailingCheck);
        Assert.Equal(0, Pings());

        var hanging = new LivenessCheck("hangs", async ct => { await Task.Delay(Timeout.InfiniteTimeSpan, ct); return true; });
        using var pinger2 = NewPinger(hanging);
        var tick = pinger2.TickAsync();
        Assert.False(tick.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(7.5)); // the probe budget is half the ping interval
        await tick.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("hangs", pinger2.FailingCheck);
        Assert.Equal(0, Pings());
    }

    [Fact]
    public void EnterStopping_PingsWithoutChecks()
    {
        using var pinger = NewPinger();
        _loopAlive = false;
        pinger.Start();
        Assert.Equal(0, Pings());

        pinger.EnterStopping();
        _time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(1, Pings());
    }

    public void Dispose() => _listener.Dispose();
}
