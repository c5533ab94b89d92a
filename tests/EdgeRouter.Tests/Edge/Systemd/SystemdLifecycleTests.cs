using EdgeRouter.Edge.Systemd;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Edge.Systemd;

public sealed class SystemdLifecycleTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly NotifySocketListener _listener = new(abstractName: true);
    private bool _workerAlive = true;
    private string _status = "serving qwen2.5-0.5b; thermal normal 51.0 °C";

    private SystemdLifecycle NewLifecycle(SystemdEnvironment? environment = null) => new(
        environment ?? new SystemdEnvironment { NotifySocket = _listener.NotifySocket, WatchdogTimeout = TimeSpan.FromSeconds(20) },
        new SystemdLifecycleOptions
        {
            LivenessChecks = [LivenessCheck.Of("request-loop", () => true), LivenessCheck.Of("inference-worker", () => _workerAlive)],
            StatusLine = () => _status,
            StatusInterval = TimeSpan.FromSeconds(5),
        },
        _time);

    [Fact]
    public void Lifecycle_ReadyStatusWatchdogStopping_InOrder()
    {
        using var lifecycle = NewLifecycle();

        lifecycle.Starting("loading qwen2.5-0.5b", extendTimeout: TimeSpan.FromSeconds(120));
        lifecycle.Ready();
        _time.Advance(TimeSpan.FromSeconds(5));                 // status unchanged: nothing
        _status = "serving qwen2.5-0.5b; thermal warm 71.5 °C";
        _time.Advance(TimeSpan.FromSeconds(5));                 // t=10: STATUS, then WATCHDOG
        _workerAlive = false;
        _time.Advance(TimeSpan.FromSeconds(10));                // t=20: no WATCHDOG
        lifecycle.Stopping();
        _status = "ignored after stopping";
        _time.Advance(TimeSpan.FromSeconds(10));                // t=30: WATCHDOG again (stopping)

        Assert.Equal(
        [
            "EXTEND_TIMEOUT_USEC=120000000",
            "STATUS=loading qwen2.5-0.5b",
            "READY=1",
            "STATUS=serving qwen2.5-0.5b; thermal normal 51.0 °C",
            "WATCHDOG=1",
            "STATUS=serving qwen2.5-0.5b; thermal warm 71.5 °C",
            "WATCHDOG=1",
            "STOPPING=1",
            "STATUS=stopping: finishing the running generation",
            "WATCHDOG=1",
        ], _listener.ReceiveAvailable());
    }

    [Fact]
    public void Ready_Twice_SendsOnce()
    {
        using var lifecycle = NewLifecycle();

        lifecycle.Ready();
        lifecycle.Ready();

        Assert.Single(_listener.ReceiveAvailable(), m => m == "READY=1");
    }

    [Fact]
    public void NoNotifySocket_EverythingIsANoOp()
    {
        using var lifecycle = NewLifecycle(SystemdEnvironment.None);

        lifecycle.Starting("loading", TimeSpan.FromSeconds(60));
        lifecycle.Ready();
        _time.Advance(TimeSpan.FromMinutes(1));
        lifecycle.Stopping();

        Assert.False(lifecycle.IsEnabled);
        Assert.Null(lifecycle.Watchdog);
        Assert.Equal(0, _time.ActiveTimers);
        Assert.Empty(_listener.ReceiveAvailable());
    }

    [Fact]
    public void NoWatchdogSec_NoPinger()
    {
        using var lifecycle = NewLifecycle(new SystemdEnvironment { NotifySocket = _listener.NotifySocket });

        lifecycle.Ready();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(lifecycle.Watchdog);
        Assert.DoesNotContain("WATCHDOG=1", _listener.ReceiveAvailable());
    }

    public void Dispose() => _listener.Dispose();
}
