using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Host.Observability.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRouter.Tests.Host.Observability.Alerts;

/// <summary>Issue #5's done-when, end to end: the router's own events, its alert sink, a loopback webhook and /metrics.</summary>
public sealed class AlertBurstMetricsTests
{
    [Fact]
    public async Task BurstOf50IdenticalTransitions_OneAlertSent_49SuppressedOnMetrics()
    {
        // Warning and up only: the model-loaded notice at start is not part of the burst.
        await using var h = await ObservedRouter.StartAsync(Behaviors.Status(200), Behaviors.Status(200), alertSeverity: "warning");
        var events = h.Router.Router.Services.GetRequiredService<UpstreamFleet>().Events;

        for (var i = 0; i < 50; i++)
        {
            events.Publish(new HealthEvent(HealthEventKind.TierDown, ObservedRouter.Upstream, null, "429 from upstream"));
        }
        var m = await MetricsScrape.ScrapeUntilAsync(h.Client, f => f.Value("edgerouter_alerts_sent_total") == 1);

        Assert.Equal(1, m.Value("edgerouter_alerts_sent_total"));
        Assert.Equal(49, m.Value("edgerouter_alerts_suppressed_total"));
        Assert.Equal(0, m.Value("edgerouter_alerts_dropped_total"));
        Assert.Equal(0, m.Value("edgerouter_alerts_failed_total"));
        Assert.Equal("counter", m["edgerouter_alerts_suppressed_total"].Type);
        var alert = Assert.Single(h.Faulty.Received(h.WebhookScenario));
        Assert.Contains("\"kind\":\"tier-down\"", alert.Body);
        Assert.Contains($"\"subject\":\"{ObservedRouter.Upstream}\"", alert.Body);
    }
}
