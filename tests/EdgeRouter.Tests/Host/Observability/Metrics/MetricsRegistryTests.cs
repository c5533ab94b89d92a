using System.Text;
using EdgeRouter.Host.Observability.Metrics;

namespace EdgeRouter.Tests.Host.Observability.Metrics;

public sealed class MetricsRegistryTests
{
    private static IReadOnlyDictionary<string, ParsedFamily> Render(MetricsRegistry registry)
    {
        var text = new StringBuilder();
        registry.WriteTo(text);
        return PrometheusTextParser.Parse(text.ToString());
    }

    [Fact]
    public void WriteTo_CountersAndGauges_ParseWithTheirValues()
    {
        var registry = new MetricsRegistry();
        var requests = registry.Counter("edgerouter_test_requests_total", "Requests.", "route");
        registry.Counter("edgerouter_test_plain_total", "No labels.");
        var rate = registry.Gauge("edgerouter_test_rate", "A rate.");
        requests.Increment("b");
        requests.Increment("a");
        requests.WithLabels("a").Add(2.5);
        requests.WithLabels("a").Add(-1); // a counter never goes down
        rate.WithLabels().Set(12.25);

        var families = Render(registry);

        var samples = families["edgerouter_test_requests_total"].Samples;
        Assert.Equal(["a", "b"], samples.Select(s => s.Label("route")));
        Assert.Equal([3.5, 1], samples.Select(s => s.Value));
        Assert.Equal(0, Assert.Single(families["edgerouter_test_plain_total"].Samples).Value);
        Assert.Equal(12.25, Assert.Single(families["edgerouter_test_rate"].Samples).Value);
    }

    [Fact]
    public void WriteTo_LabelValuesAndHelp_AreEscaped()
    {
        var registry = new MetricsRegistry();
        registry.Counter("edgerouter_test_total", "Help with \\ and\nnewline.", "route").Increment("a\"b\\c\nd");

        var text = new StringBuilder();
        registry.WriteTo(text);
        var family = PrometheusTextParser.Parse(text.ToString())["edgerouter_test_total"];

        Assert.Contains("# HELP edgerouter_test_total Help with \\\\ and\\nnewline.\n", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("edgerouter_test_total{route=\"a\\\"b\\\\c\\nd\"} 1\n", text.ToString(), StringComparison.Ordinal);
        Assert.Equal("Help with \\ and\nnewline.", family.Help);
        Assert.Equal("a\"b\\c\nd", Assert.Single(family.Samples).Label("route"));
    }

    [Fact]
    public void Histogram_Observations_LandInInclusiveCumulativeBuckets()
    {
        var registry = new MetricsRegistry();
        var histogram = registry.Histogram("edgerouter_test_seconds", "Latency.", [0.1, 1, 10], "tier");
        foreach (var value in new[] { 0.05, 0.1, 0.5, 1, 20, double.NaN })
        {
            histogram.Observe(value, "local");
        }

        var samples = Render(registry)["edgerouter_test_seconds"].Samples;

        var buckets = samples.Where(s => s.Name == "edgerouter_test_seconds_bucket").ToList();
        Assert.Equal(["0.1", "1", "10", "+Inf"], buckets.Select(b => b.Label("le")));
        Assert.Equal([2, 4, 4, 5], buckets.Select(b => b.Value));
        Assert.Equal(21.65, samples.Single(s => s.Name == "edgerouter_test_seconds_sum").Value, 9);
        Assert.Equal(5, samples.Single(s => s.Name == "edgerouter_test_seconds_count").Value);
        Assert.All(samples, s => Assert.Equal("local", s.Label("tier")));
    }

    [Fact]
    public void Histogram_WithoutObservations_ExportsOnlyItsDescription()
    {
        var registry = new MetricsRegistry();
        registry.Histogram("edgerouter_test_seconds", "Latency.", [1], "tier");

        Assert.Empty(Render(registry)["edgerouter_test_seconds"].Samples);
    }

    [Fact]
    public async Task Counter_ConcurrentIncrements_AreAllCounted()
    {
        var registry = new MetricsRegistry();
        var counter = registry.Counter("edgerouter_test_total", "Concurrent.", "route");
        var histogram = registry.Histogram("edgerouter_test_seconds", "Concurrent.", [0.5]);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Increment("a");
                counter.WithLabels("b").Add(0.5);
                histogram.Observe(0.25);
            }
        })));

        var families = Render(registry);
        Assert.Equal([40_000, 20_000], families["edgerouter_test_total"].Samples.Select(s => s.Value));
        Assert.Equal(10_000, families["edgerouter_test_seconds"].Samples.Single(s => s.Name == "edgerouter_test_seconds_sum").Value);
    }

    [Theory]
    [InlineData("edgerouter-bad_total", "route")]
    [InlineData("1edgerouter_total", "route")]
    [InlineData("edgerouter_requests", "route")]
    [InlineData("edgerouter_test_total", "bad-label")]
    [InlineData("edgerouter_test_total", "__reserved")]
    [InlineData("edgerouter_test_total", "le")]
    public void Counter_InvalidNames_AreRefusedAtRegistration(string name, string label) =>
        Assert.Throws<ArgumentException>(() => new MetricsRegistry().Counter(name, "Bad.", label));

    [Fact]
    public void Registry_RefusesDuplicatesBadBucketsAndWrongLabelCounts()
    {
        var registry = new MetricsRegistry();
        var counter = registry.Counter("edgerouter_test_total", "Once.", "route");

        Assert.Throws<ArgumentException>(() => registry.Gauge("edgerouter_test_total", "Twice."));
        Assert.Throws<ArgumentException>(() => registry.Histogram("edgerouter_test_seconds", "Bad.", [1, 1]));
        Assert.Throws<ArgumentException>(() => registry.Histogram("edgerouter_test2_seconds", "Bad.", []));
        Assert.Throws<ArgumentException>(() => counter.Increment("a", "b"));
    }
}
