using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Tests.Cloud.Failback;

/// <summary>The state machine alone, over a scripted probe: hysteresis, backoff, credential failures and flap damping.</summary>
public sealed class TierFailbackTests : IDisposable
{
    private const string Domain = "env:KEY_A";

    private readonly ManualTimeProvider _time = new();
    private readonly HealthEvents _events = new();
    private readonly List<HealthEvent> _seen = [];
    private readonly CooldownStore _cooldowns;
    private readonly ScriptedTarget _target;
    private TierFailback? _health;

    public TierFailbackTests()
    {
        _events.Raised += e =>
        {
            lock (_seen)
            {
                _seen.Add(e);
            }
        };
        _cooldowns = new CooldownStore(new CooldownConfig { Throttle = TimeSpan.FromSeconds(30), CredentialDisable = TimeSpan.FromHours(1) }, _time, _events);
        _target = new ScriptedTarget(_cooldowns, new UpstreamBreaker("cloud", new BreakerConfig(), _time, _events));
    }

    private TierFailback Start(FailbackConfig? config = null) =>
        _health = new TierFailback(_target, _cooldowns, config ?? new FailbackConfig(), _time, _events, NullLogger.Instance);

    private async Task Advance(TimeSpan by)
    {
        _time.Advance(by);
        await _health!.CurrentProbe.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private int Count(HealthEventKind kind)
    {
        lock (_seen)
        {
            return _seen.Count(e => e.Kind == kind);
        }
    }

    [Fact]
    public async Task CooldownActiveAtCreation_StartsDown_ProbesOnlyAfterIt()
    {
        _cooldowns.Impose(Domain, CooldownKind.Throttle, TimeSpan.FromSeconds(90), "restored");

        var health = Start();

        Assert.Equal(FailbackState.Down, health.Snapshot().State);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(90), health.Snapshot().Until);
        await Advance(TimeSpan.FromSeconds(89));
        Assert.Equal(0, _target.Probes);
        await Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _target.Probes);
        Assert.Equal(FailbackState.Probing, health.Snapshot().State);
    }

    [Fact]
    public async Task NeedsNSuccessesInARow_AThrottleInBetweenRestartsTheCooldown()
    {
        var health = Start();
        _target.Script(ProbeOutcome.Succeeded, Failure(FailureClass.Throttle), ProbeOutcome.Succeeded, ProbeOutcome.Succeeded);
        _cooldowns.Impose(Domain, CooldownKind.Throttle, null, "429");

        await Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, health.Snapshot().ConsecutiveSuccesses);
        await Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(FailbackState.Down, health.Snapshot().State);
        Assert.Equal(0, health.Snapshot().ConsecutiveSuccesses);
        Assert.NotNull(_cooldowns.Active(Domain));
        await Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(2, _target.Probes);
        await Advance(TimeSpan.FromSeconds(1));
        await Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(FailbackState.Probing, health.Snapshot().State);
        Assert.Equal(2, health.Snapshot().ConsecutiveSuccesses);
        await Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(FailbackState.InService, health.Snapshot().State);
        Assert.Equal(5, _target.Probes);
        Assert.Equal(1, Count(HealthEventKind.TierDown));
        Assert.Equal(1, Count(HealthEventKind.TierUp));
        Assert.Equal(1, Count(HealthEventKind.ProbeFailed));
        Assert.Equal(2, health.Snapshot().Transitions);
    }

    [Fact]
    public async Task OutageProbes_BackOffDoubling_Capped()
    {
        var health = Start(new FailbackConfig { ProbeInterval = TimeSpan.FromSeconds(10), MaxProbeInterval = TimeSpan.FromSeconds(30) });
        _target.Script(Failure(FailureClass.Outage), Failure(FailureClass.Outage), Failure(FailureClass.Outage), Failure(FailureClass.Outage));
        _cooldowns.Impose(Domain, CooldownKind.Throttle, null, "429");
        await Advance(TimeSpan.FromSeconds(30));

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var wait = health.Snapshot().Until!.Value - _time.GetUtcNow();
            waits.Add(wait);
            await Advance(wait);
        }

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)], waits);
        Assert.Equal(FailbackState.Down, health.Snapshot().State);
        Assert.Equal(FailureClass.Outage, health.Snapshot().Cause);
    }

    [Fact]
    public async Task CredentialProbeFailure_DisablesTheKeyAgain()
    {
        var health = Start();
        _target.Script(Failure(FailureClass.Credential));
        _cooldowns.Impose(Domain, CooldownKind.Throttle, null, "429");

        await Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(CooldownKind.CredentialDisabled, _cooldowns.Active(Domain)!.Kind);
        Assert.Equal(FailureClass.Credential, health.Snapshot().Cause);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(1), health.Snapshot().Until);
    }

    [Fact]
    public async Task LimiterRefusal_ProbeWaitsForTheNextRound()
    {
        var health = Start();
        _target.Script(new ProbeOutcome(null, new EdgeRouter.Cloud.Limits.LimitRefusal(EdgeRouter.Cloud.Limits.LimitKind.Requests, TimeSpan.FromSeconds(3))));
        _cooldowns.Impose(Domain, CooldownKind.Throttle, null, "429");

        await Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(FailbackState.Probing, health.Snapshot().State);
        Assert.Equal(0, health.Snapshot().ConsecutiveSuccesses);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(10), health.Snapshot().Until);
        Assert.Equal(0, Count(HealthEventKind.ProbeFailed));
    }

    [Fact]
    public async Task Flapping_HoldsTheTierOut_WithAGrowingCappedHold()
    {
        var health = Start(new FailbackConfig
        {
            SuccessesToRecover = 1,
            FlapWindow = TimeSpan.FromMinutes(10),
            FlapMaxTransitions = 2,
            FlapHold = TimeSpan.FromSeconds(60),
            MaxFlapHold = TimeSpan.FromSeconds(100),
        });

        _cooldowns.Impose(Domain, CooldownKind.Throttle, null, "429");
        await Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(FailbackState.InService, health.Snapshot().State);

        // Third transition in the window: held for 60 s, not just the 30 s cooldown.
        _cooldowns.Impose(Domain, CooldownKind.Throttle, null, "429 again");
        Assert.Equal(FailbackState.Held, health.Snapshot().State);
        Assert.Equal("held", health.Snapshot().Label);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(60), health.Snapshot().Until);
        var flapping = Assert.Single(_seen, e => e.Kind == HealthEventKind.Flapping);
        Assert.Equal("cloud", flapping.Subject);
        await Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, _target.Probes);
        await Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(FailbackState.InService, health.Snapshot().State);

        // Next flap: the hold doubles to 120 s, capped at 100 s.
        _cooldowns.Impose(Domain, CooldownKind.Throttle, null, "429 yet again");
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(100), health.Snapshot().Until);
        Assert.Equal(2, Count(HealthEventKind.Flapping));
        Assert.Equal(5, health.Snapshot().Transitions);
    }

    private static ProbeOutcome Failure(FailureClass failureClass) =>
        new(new TierFailure(failureClass, $"scripted-{failureClass}", "scripted"), null);

    public void Dispose() => _health?.Dispose();

    /// <summary>Plays scripted outcomes (then successes); its failures take the real actions on the cooldown store.</summary>
    private sealed class ScriptedTarget(CooldownStore cooldowns, UpstreamBreaker breaker) : IProbeTarget
    {
        private readonly Queue<ProbeOutcome> _script = new();
        private int _probes;

        public string Name => "cloud";

        public string Domain => TierFailbackTests.Domain;

        public UpstreamBreaker Breaker => breaker;

        public int Probes => Volatile.Read(ref _probes);

        public void Script(params ProbeOutcome[] outcomes)
        {
            foreach (var outcome in outcomes)
            {
                _script.Enqueue(outcome);
            }
        }

        public Task<ProbeOutcome> ProbeAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _probes);
            return Task.FromResult(_script.TryDequeue(out var outcome) ? outcome : ProbeOutcome.Succeeded);
        }

        public void ApplyFailure(TierFailure failure) => cooldowns.Impose(Domain,
            failure.Class == FailureClass.Credential ? CooldownKind.CredentialDisabled : CooldownKind.Throttle, failure.RetryAfter, failure.Reason);
    }
}
