using System.Text;
using EdgeRouter.Core.Observability;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRouter.Tests.Host.Observability.Metrics;

/// <summary>Registered <see cref="IMetricsSource"/>s reach /metrics; one that throws is left out of the scrape, not the others.</summary>
public sealed class MetricsSourceTests
{
    private sealed class FixedSource : IMetricsSource
    {
        public void WriteTo(StringBuilder output) =>
            output.Append("# HELP edgerouter_alerts_sent_total Alerts sent.\n# TYPE edgerouter_alerts_sent_total counter\nedgerouter_alerts_sent_total 3\n");
    }

    private sealed class BrokenSource : IMetricsSource
    {
        public void WriteTo(StringBuilder output)
        {
            output.Append("# HELP edgerouter_broken Half a family.\n# TYPE edgerouter_broken gauge\nedgerouter_broken{x=\"");
            throw new InvalidOperationException("the source broke");
        }
    }

    [Fact]
    public async Task Scrape_WithRegisteredSources_AppendsTheirFamiliesAndSkipsAFailingOne()
    {
        await using var router = await TestRouter.StartAsync(new TestRouterOptions
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<IMetricsSource, BrokenSource>();
                services.AddSingleton<IMetricsSource, FixedSource>();
            },
            WaitUntilReady = false,
        });

        var families = await MetricsScrape.ScrapeAsync(router.Client);

        Assert.Equal(3, families.Value("edgerouter_alerts_sent_total"));
        Assert.DoesNotContain("edgerouter_broken", families.Keys);
        Assert.Contains("edgerouter_requests_total", families.Keys);
        Assert.Contains(router.Logs.Lines, line => line.Contains("BrokenSource", StringComparison.Ordinal));
    }
}
