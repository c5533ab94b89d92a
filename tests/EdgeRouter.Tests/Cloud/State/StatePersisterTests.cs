using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.State;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;
using Polly.CircuitBreaker;
using static EdgeRouter.Tests.Cloud.Support.RouterHarness;

namespace EdgeRouter.Tests.Cloud.State;

/// <summary>
/// The persister over a real router (RouterHarness: real DI, real local tier, manual clock): changes reach the file
/// coalesced and off the request path, and a second router restored from that file (a restart) carries on with the
/// same cooldowns, circuits and pins until the same expiries.
/// </summary>
public sealed class StatePersisterTests : IAsyncLifetime
{
    private const string DomainA = "env:KEY_A";
    private const string DomainB = "env:KEY_B";

    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-persister-").FullName;
    private readonly LogCapture _logs = new();
    private FaultyUpstream _server = null!;

    public async Task InitializeAsync() => _server = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string FilePath => Path.Join(_directory, StateFile.DefaultFileName);

    private CloudConfig Config() => new()
    {
        Upstreams = [Upstream(_server, "a"), Upstream(_server, "c", key: "KEY_B")],
        Routes = [new RouteConfig { Name = "ra", Chain = ["a"] }, new RouteConfig { Name = "all", Chain = ["local", "a", "c"] }],
        Cooldowns = new CooldownConfig { Throttle = TimeSpan.FromSeconds(5), MaxThrottle = TimeSpan.FromSeconds(300) },
        Breaker = new BreakerConfig { MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(60) },
    };

    private StatePersister Persister(RouterHarness h) =>
        new(h.Router, h.Upstreams, new StateFile(FilePath, h.Time, _logs.CreateLogger("state")), h.Time, _logs.CreateLogger("persister"));

    private int Writes => _logs.Lines.Count(l => l.Contains("[453]", StringComparison.Ordinal));

    [Fact]
    public async Task Changes_AreWrittenOnceAfterTheCoalesceDelay()
    {
        await using var h = await StartAsync(Config());
        using var persister = Persister(h);
        await persister.StartAsync();

        h.Upstreams.Cooldowns.Impose(DomainA, CooldownKind.Throttle, TimeSpan.FromSeconds(60), "a: http-429");
        h.Upstreams.Cooldowns.Impose(DomainB, CooldownKind.CredentialDisabled, null, "c: http-401");
        h.Router.PinRoute("all", "c");
        h.Time.Advance(StatePersister.DefaultCoalesceDelay - TimeSpan.FromMilliseconds(1));
        Assert.False(File.Exists(FilePath));

        h.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, Writes);
        var saved = new StateFile(FilePath, h.Time, _logs.CreateLogger("check")).Load();
        Assert.Equal([DomainA, DomainB], saved.Cooldowns.Select(c => c.Domain));
        Assert.Equal(h.Upstreams.Cooldowns.Active(DomainA)!.Until, saved.Cooldowns[0].Until);
        Assert.Equal([new SavedPin("all", "c")], saved.Pins);

        h.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, Writes);
    }

    [Fact]
    public async Task ClearingACooldown_IsWrittenToo()
    {
        await using var h = await StartAsync(Config());
        using var persister = Persister(h);
        await persister.StartAsync();
        h.Upstreams.Cooldowns.Impose(DomainA, CooldownKind.Throttle, TimeSpan.FromSeconds(60), "a: http-429");
        h.Time.Advance(StatePersister.DefaultCoalesceDelay);

        h.Upstreams.ClearCooldown("a");
        h.Time.Advance(StatePersister.DefaultCoalesceDelay);

        Assert.Equal(2, Writes);
        Assert.Empty(new StateFile(FilePath, h.Time, _logs.CreateLogger("check")).Load().Cooldowns);
    }

    [Fact]
    public async Task Dispose_WritesAChangeStillWaitingForItsTimer()
    {
        await using var h = await StartAsync(Config());
        var persister = Persister(h);
        await persister.StartAsync();
        h.Upstreams.Cooldowns.Impose(DomainA, CooldownKind.Throttle, TimeSpan.FromSeconds(60), "a: http-429");

        persister.Dispose();

        Assert.Single(new StateFile(FilePath, h.Time, _logs.CreateLogger("check")).Load().Cooldowns);
    }

    [Fact]
    public async Task Restart_ResumesCooldownsCircuitsAndPins_UntilTheSameExpiries()
    {
        DateTimeOffset cooldownUntil, breakerUntil;
        await using (var before = await StartAsync(Config()))
        {
            using var persister = Persister(before);
            await persister.StartAsync();
            before.Upstreams.Cooldowns.Impose(DomainA, CooldownKind.Throttle, TimeSpan.FromSeconds(90), "a: http-429");
            before.Upstreams.Breaker("c").RecordOutage();
            before.Upstreams.Breaker("c").RecordOutage();
            Assert.Equal(CircuitState.Open, before.Upstreams.Breaker("c").State);
            before.Router.PinRoute("all", "a");
            before.Time.Advance(StatePersister.DefaultCoalesceDelay);
            cooldownUntil = before.Upstreams.Cooldowns.Active(DomainA)!.Until;
            breakerUntil = before.Upstreams.Breaker("c").OpenUntil!.Value;
        }

        // The second process starts 30 s after the first: its own clocks, the same wall clock.
        await using var after = await StartAsync(Config());
        after.Time.Advance(TimeSpan.FromSeconds(30));
        using var restarted = Persister(after);
        var restored = await restarted.StartAsync();

        Assert.Equal((1, 1, 1), (restored.Cooldowns.Count, restored.Breakers.Count, restored.Pins.Count));
        Assert.Equal(cooldownUntil, after.Upstreams.Cooldowns.Active(DomainA)!.Until);
        Assert.Equal(TimeSpan.FromSeconds(60), after.Upstreams.Cooldowns.Remaining(DomainA));
        Assert.Equal(breakerUntil, after.Upstreams.Breaker("c").OpenUntil);
        Assert.Equal(new BreakerPeek(false, CircuitState.Isolated, TimeSpan.FromSeconds(30)), after.Upstreams.Breaker("c").Peek());
        Assert.Equal("a", after.Router.Pins["all"]);
        Assert.Contains(after.Events, e => e is { Kind: HealthEventKind.Cooldown, Subject: DomainA } && e.Until == cooldownUntil);
        Assert.Contains(after.Events, e => e is { Kind: HealthEventKind.BreakerOpened, Subject: "c" } && e.Until == breakerUntil);
        Assert.Contains(_logs.Lines, l => l.Contains("[450]", StringComparison.Ordinal));

        var routed = await after.RunAsync("ra");
        Assert.False(routed.Served);
        Assert.Equal(0, _server.Requests("a"));
        Assert.Equal("cooling", Assert.Single(routed.Trace.Attempts).Reason);
        Assert.Equal(TimeSpan.FromSeconds(60), routed.Failure!.RetryAfter);

        after.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(CircuitState.Closed, after.Upstreams.Breaker("c").State);
        Assert.True(after.Upstreams.Breaker("c").Peek().Admits);
        Assert.Null(after.Upstreams.Breaker("c").OpenUntil);
        after.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(after.Upstreams.Cooldowns.Active(DomainA));
    }

    [Fact]
    public async Task Restore_KeepsTheLaterDeadline()
    {
        await using var h = await StartAsync(Config());
        var now = h.Time.GetUtcNow();
        h.Upstreams.Cooldowns.Impose(DomainA, CooldownKind.Throttle, TimeSpan.FromSeconds(120), "a: live");
        h.Upstreams.Cooldowns.Impose(DomainB, CooldownKind.Throttle, TimeSpan.FromSeconds(10), "c: live");

        var restored = await RouterStateMapper.RestoreAsync(h.Router, h.Upstreams, new RouterState
        {
            Cooldowns =
            [
                new SavedCooldown(DomainA, CooldownKind.Throttle, now.AddSeconds(60), "a: saved"),
                new SavedCooldown(DomainB, CooldownKind.Throttle, now.AddSeconds(200), "c: saved"),
            ],
        }, _logs.CreateLogger("restore"));

        Assert.Equal(2, restored.Cooldowns.Count);
        Assert.Equal((TimeSpan.FromSeconds(120), "a: live"), (h.Upstreams.Cooldowns.Remaining(DomainA), h.Upstreams.Cooldowns.Active(DomainA)!.Reason));
        Assert.Equal((TimeSpan.FromSeconds(200), "c: saved"), (h.Upstreams.Cooldowns.Remaining(DomainB), h.Upstreams.Cooldowns.Active(DomainB)!.Reason));
    }

    [Fact]
    public async Task Restore_NeverRestsLongerThanTheConfigAllows()
    {
        // A clock that was wrong when the file was written (a board without RTC before NTP) or an edited file.
        await using var h = await StartAsync(Config());
        var now = h.Time.GetUtcNow();

        await RouterStateMapper.RestoreAsync(h.Router, h.Upstreams, new RouterState
        {
            Cooldowns = [new SavedCooldown(DomainA, CooldownKind.Throttle, now.AddDays(10), "a: http-429")],
            Breakers = [new SavedBreaker("c", now.AddDays(10))],
        }, _logs.CreateLogger("restore"));

        Assert.Equal(TimeSpan.FromSeconds(300), h.Upstreams.Cooldowns.Remaining(DomainA));
        Assert.Equal(now.AddSeconds(300), h.Upstreams.Cooldowns.Active(DomainA)!.Until);
        Assert.Equal(TimeSpan.FromSeconds(60), h.Upstreams.Breaker("c").Peek().RetryAfter);
    }

    [Fact]
    public async Task Restore_SkipsWhatTheConfigNoLongerHas_WithAWarning()
    {
        await using var h = await StartAsync(Config());
        var now = h.Time.GetUtcNow();

        var restored = await RouterStateMapper.RestoreAsync(h.Router, h.Upstreams, new RouterState
        {
            Cooldowns = [new SavedCooldown("env:GONE", CooldownKind.Throttle, now.AddSeconds(60), "gone: http-429")],
            Breakers = [new SavedBreaker("gone", now.AddSeconds(60))],
            Pins = [new SavedPin("gone", "local"), new SavedPin("ra", "c")],
        }, _logs.CreateLogger("restore"));

        Assert.True(restored.IsEmpty);
        Assert.Empty(h.Upstreams.Cooldowns.Snapshot());
        Assert.Empty(h.Router.Pins);
        Assert.Equal(4, _logs.Lines.Count(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[454]", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CorruptFile_StartsClean_AndIsReplacedByTheNextWrite()
    {
        await File.WriteAllTextAsync(FilePath, "{\"version\":1,\"cooldowns\":[{\"domain\":\"env:KEY_A\"");
        await using var h = await StartAsync(Config());
        using var persister = Persister(h);

        Assert.True((await persister.StartAsync()).IsEmpty);
        Assert.Contains(_logs.Lines, l => l.Contains("[451]", StringComparison.Ordinal));

        Assert.True(persister.PersistNow());
        Assert.Equal(RouterState.CurrentVersion, new StateFile(FilePath, h.Time, _logs.CreateLogger("check")).Load().Version);
        Assert.DoesNotContain(h.Events, e => e.Kind is HealthEventKind.Cooldown);
    }
}
