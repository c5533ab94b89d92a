using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Tests.Support;
using Polly.CircuitBreaker;

namespace EdgeRouter.Tests.Cloud.Breakers;

public sealed class UpstreamBreakerTests
{
    private static readonly BreakerConfig Config = new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 3,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromSeconds(20),
    };

    private readonly ManualTimeProvider _time = new();
    private readonly HealthEvents _events = new();
    private readonly List<HealthEvent> _raised = [];

    public UpstreamBreakerTests() => _events.Raised += _raised.Add;

    private UpstreamBreaker NewBreaker() => new("cloud-a", Config, _time, _events);

    private static ValueTask<bool> Run(UpstreamBreaker breaker, bool outage) =>
        breaker.TryExecuteAsync((o, _) => new ValueTask<bool>(o), outage, CancellationToken.None);

    [Fact]
    public async Task Outages_OpenAfterThreshold()
    {
        var breaker = NewBreaker();
        Assert.True(await Run(breaker, outage: true));
        Assert.True(await Run(breaker, outage: true));
        Assert.Equal(CircuitState.Closed, breaker.State);

        Assert.True(await Run(breaker, outage: true));

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.False(await Run(breaker, outage: false));
        var peek = breaker.Peek();
        Assert.False(peek.Admits);
        Assert.Equal(TimeSpan.FromSeconds(20), peek.RetryAfter);
        Assert.Contains(_raised, e => e.Kind == HealthEventKind.BreakerOpened && e.Subject == "cloud-a");
    }

    [Fact]
    public async Task NonOutages_DoNotOpen()
    {
        var breaker = NewBreaker();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await Run(breaker, outage: false));
        }
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task HalfOpen_AdmitsExactlyOneTrial_ThenSuccessCloses()
    {
        var breaker = await OpenedBreaker();
        _time.Advance(TimeSpan.FromSeconds(19));
        Assert.False(breaker.Peek().Admits);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(breaker.Peek().Admits);

        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var trial = breaker.TryExecuteAsync((t, _) => new ValueTask<bool>(t.Task), release, CancellationToken.None).AsTask();
        Assert.Equal(CircuitState.HalfOpen, breaker.State);

        // A second caller during the trial is refused without running.
        var ran = false;
        Assert.False(await breaker.TryExecuteAsync((_, _) => { ran = true; return new ValueTask<bool>(false); }, 0, CancellationToken.None));
        Assert.False(ran);
        Assert.False(breaker.Peek().Admits);

        release.SetResult(false);
        Assert.True(await trial);
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Contains(_raised, e => e.Kind == HealthEventKind.BreakerClosed);
    }

    [Fact]
    public async Task HalfOpen_TrialOutage_Reopens()
    {
        var breaker = await OpenedBreaker();
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.True(await Run(breaker, outage: true));

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.False(breaker.Peek().Admits);
        Assert.Equal(2, _raised.Count(e => e.Kind == HealthEventKind.BreakerOpened));
    }

    [Fact]
    public async Task RecordOutage_CountsWhileClosed()
    {
        var breaker = NewBreaker();
        breaker.RecordOutage();
        breaker.RecordOutage();
        breaker.RecordOutage();
        Assert.Equal(CircuitState.Open, breaker.State);
        breaker.RecordOutage(); // no throw while open
        Assert.False(await Run(breaker, outage: false));
    }

    private async Task<UpstreamBreaker> OpenedBreaker()
    {
        var breaker = NewBreaker();
        for (var i = 0; i < 3; i++)
        {
            await Run(breaker, outage: true);
        }
        Assert.Equal(CircuitState.Open, breaker.State);
        return breaker;
    }
}
