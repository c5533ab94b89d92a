using System.Text;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Core.Observability;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRouter.Tests.Observability.Metrics;

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
        var time = new ManualTimeProvider();
        var logs = new LogCapture();
        var fake = new FakeTextGenerator();
        var overrides = TestRouter.Overrides(time, logs) with
        {
            GeneratorFactory = _ => fake,
            ConfigureServices = services =>
            {
                services.AddSingleton<IMetricsSource, BrokenSource>();
                services.AddSingleton<IMetricsSource, FixedSource>();
            },
        };
        await using var router = await RouterHost.StartAsync(["--listen", "127.0.0.1:0"], overrides);
        using var client = TestRouter.CreateClient(router.Address);

        var families = await MetricsScrape.ScrapeAsync(client);

        Assert.Equal(3, families.Value("edgerouter_alerts_sent_total"));
        Assert.DoesNotContain("edgerouter_broken", families.Keys);
        Assert.Contains("edgerouter_requests_total", families.Keys);
        Assert.Contains(logs.Lines, line => line.Contains("BrokenSource", StringComparison.Ordinal));
    }
}
