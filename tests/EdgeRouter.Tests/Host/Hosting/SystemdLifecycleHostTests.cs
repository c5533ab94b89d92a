using EdgeRouter.Edge.Systemd;
using EdgeRouter.Tests.Edge.Systemd;
using EdgeRouter.Tests.Support;
using EdgeRouter.Tests.Edge;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>The router in-process under a NOTIFY_SOCKET the test binds: the states systemd sees, in order.</summary>
public sealed class SystemdLifecycleHostTests
{
    [Fact]
    public async Task UnderNotifySocket_SendsLoadingStatus_Ready_Status_WatchdogPings_ThenStopping()
    {
        using var listener = new NotifySocketListener();
        var notify = new NotifyMessages(listener);
        using var load = new ManualResetEventSlim();
        var fake = new FakeTextGenerator();
        var environment = new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = listener.NotifySocket,
            ["WATCHDOG_USEC"] = "2000000",
            ["EDGEROUTER_TELEMETRY_ROOT"] = FixtureTrees.PathOf(FixtureTrees.X86),
        };
        await using var router = await TestRouter.StartAsync(new TestRouterOptions
        {
            Environment = environment,
            Factory = _ =>
            {
                load.Wait(TimeSpan.FromSeconds(30));
                return fake;
            },
            WaitUntilReady = false,
        });

        await notify.WaitForAsync("STATUS=loading the injected model");
        Assert.DoesNotContain("READY=1", notify.All);

        load.Set();
        await router.Router.ModelLoad.WaitAsync(TimeSpan.FromSeconds(10));
        await notify.WaitForAsync("READY=1");
        await notify.WaitForAsync("STATUS=serving fake-model; thermal normal 45.0 °C");
        await notify.WaitForAsync(SdNotify.Watchdog);
        // The next tick comes from the router's clock: half of WATCHDOG_USEC later.
        var pings = router.Router.Systemd.Watchdog!.PingCount;
        router.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => router.Router.Systemd.Watchdog!.PingCount > pings);

        await router.Router.StopAsync();
        await notify.WaitForAsync(SdNotify.Stopping);
        var report = await router.Router.FinishStopAsync();

        notify.AssertOrder(
            s => s.StartsWith("STATUS=loading", StringComparison.Ordinal),
            s => s == SdNotify.Ready,
            s => s.StartsWith("STATUS=serving", StringComparison.Ordinal),
            s => s == SdNotify.Watchdog,
            s => s == SdNotify.Stopping);
        Assert.Equal(StopOutcome.Idle, report.Outcome);
        Assert.True(report.Persisted);
        Assert.Contains(router.Logs.Lines, l => l.Contains("No state to persist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutNotifySocket_LifecycleIsInert()
    {
        await using var router = await TestRouter.StartAsync(new TestRouterOptions
        {
            Environment = new Dictionary<string, string> { ["EDGEROUTER_TELEMETRY_ROOT"] = FixtureTrees.PathOf(FixtureTrees.X86) },
            WaitUntilReady = false,
        });
        await router.Router.ModelLoad.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(router.Router.Systemd.IsEnabled);
        Assert.Null(router.Router.Systemd.Watchdog);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }
        Assert.True(condition());
    }
}
