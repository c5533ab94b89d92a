using System.Text;
using EdgeRouter.Host.Observability.Alerts;
using EdgeRouter.Host.Observability.Events;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRouter.Tests.Host.Observability.Alerts;

/// <summary>Events through the real sink to a real loopback webhook, on a fake clock.</summary>
public sealed class AlertSinkTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestClock.Fake();
    private FaultyUpstream _webhook = null!;
    private readonly string _scenario = "w" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync() => _webhook = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync() => await _webhook.DisposeAsync();

    private (RouterEvents Events, AlertSink Sink) Start(AlertsConfig? config = null)
    {
        var events = new RouterEvents(_time, NullLogger<RouterEvents>.Instance);
        config ??= new AlertsConfig { DedupWindow = TimeSpan.FromMinutes(1), Timeout = TimeSpan.FromSeconds(5) };
        var sink = new AlertSink(config, new Uri(_webhook.BaseUrl(_scenario), "alerts"), events, _time, NullLogger<AlertSink>.Instance);
        return (events, sink);
    }

    private static void TierDown(RouterEvents events, string subject = "up-a") =>
        events.Publish(RouterEventKind.TierDown, subject, EventSeverity.Warning, "429 from upstream", "throttle", DateTimeOffset.UnixEpoch);

    private static string Metrics(AlertSink sink)
    {
        var text = new StringBuilder();
        sink.WriteTo(text);
        return text.ToString();
    }

    [Fact]
    public async Task Burst_Of50IdenticalTransitions_SendsOneAlertAndCounts49Suppressed()
    {
        _webhook.Set(_scenario, Behaviors.Status(200));
        var (events, sink) = Start();
        await using var _ = sink;

        for (var i = 0; i < 50; i++)
        {
            TierDown(events);
        }
        await Eventually.TrueAsync(() => sink.Sent == 1, "the first alert to be accepted");

        Assert.Equal(1, _webhook.Requests(_scenario));
        var metrics = Metrics(sink);
        Assert.Contains("edgerouter_alerts_sent_total 1\n", metrics);
        Assert.Contains("edgerouter_alerts_suppressed_total 49\n", metrics);
        Assert.Contains("# TYPE edgerouter_alerts_suppressed_total counter\n", metrics);
        Assert.Contains("edgerouter_alerts_dropped_total 0\n", metrics);
        Assert.Contains("\"suppressed\":0", _webhook.Received(_scenario)[0].Body);

        // After the window the next alert of that key reports what was held back.
        _time.Advance(TimeSpan.FromMinutes(1));
        TierDown(events);
        await _webhook.WaitForRequests(_scenario, 2);
        var second = _webhook.Received(_scenario)[1].Body;
        Assert.Contains("(+49 similar suppressed)", second);
        Assert.Contains("\"suppressed\":49", second);
        Assert.Contains("\"kind\":\"tier-down\"", second);
        Assert.Contains("\"class\":\"throttle\"", second);
    }

    [Fact]
    public async Task DifferentSubjects_AreNotDeduplicatedAgainstEachOther()
    {
        _webhook.Set(_scenario, Behaviors.Status(200));
        var (events, sink) = Start();
        await using var _ = sink;

        TierDown(events, "up-a");
        TierDown(events, "up-b");
        await Eventually.TrueAsync(() => sink.Sent == 2, "both alerts");
        Assert.Equal(0, sink.Suppressed);
    }

    [Fact]
    public async Task WebhookThatNeverAnswers_PublishingReturnsAtOnceAndThePostFailsAfterItsTimeout()
    {
        _webhook.Set(_scenario, Behaviors.Hang);
        var (events, sink) = Start();
        await using var _ = sink;

        TierDown(events);
        await _webhook.WaitForRequests(_scenario, 1);
        // The sender is stuck in the POST; publishing more still returns (this line would hang otherwise).
        TierDown(events, "up-b");
        Assert.Equal(0, sink.Failed);

        _time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => sink.Failed == 1, "the hung POST to time out");
        Assert.Equal(0, sink.Sent);
    }

    [Fact]
    public async Task FullQueue_DropsAndCounts()
    {
        _webhook.Set(_scenario, Behaviors.Hang);
        var (events, sink) = Start(new AlertsConfig { QueueLength = 1, Timeout = TimeSpan.FromSeconds(5) });
        await using var _ = sink;

        TierDown(events, "a");
        await _webhook.WaitForRequests(_scenario, 1);
        TierDown(events, "b"); // queued behind the hung POST
        TierDown(events, "c"); // queue full
        TierDown(events, "d"); // queue full

        Assert.Equal(2, sink.Dropped);
        Assert.Contains("edgerouter_alerts_dropped_total 2\n", Metrics(sink));
    }

    [Fact]
    public async Task EventsBelowTheMinimumSeverity_AreNotSent()
    {
        _webhook.Set(_scenario, Behaviors.Status(200));
        var (events, sink) = Start(new AlertsConfig { MinimumSeverity = EventSeverity.Warning });
        await using var _ = sink;

        events.Publish(RouterEventKind.TierUp, "up-a", EventSeverity.Info, "probes succeeded");
        events.Publish(RouterEventKind.ProbeFailed, "up-a", EventSeverity.Debug, "503");
        TierDown(events);
        await Eventually.TrueAsync(() => sink.Sent == 1, "the warning");
        Assert.Equal(1, _webhook.Requests(_scenario));
        Assert.Contains("tier-down", _webhook.Received(_scenario)[0].Body);
    }

    [Fact]
    public void Journal_KeepsTransitionsNewestFirstButNotProbes()
    {
        var events = new RouterEvents(_time, NullLogger<RouterEvents>.Instance, new EventJournal(capacity: 2));
        events.Publish(RouterEventKind.TierDown, "a", EventSeverity.Warning, "");
        events.Publish(RouterEventKind.ProbeFailed, "a", EventSeverity.Debug, "");
        events.Publish(RouterEventKind.TierUp, "a", EventSeverity.Info, "");
        events.Publish(RouterEventKind.GateSaturated, "gate", EventSeverity.Warning, "");

        Assert.Equal([RouterEventKind.GateSaturated, RouterEventKind.TierUp], events.Journal.Recent().Select(e => e.Kind));
    }
}
