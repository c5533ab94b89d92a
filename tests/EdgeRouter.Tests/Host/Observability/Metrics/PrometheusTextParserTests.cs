namespace EdgeRouter.Tests.Host.Observability.Metrics;

/// <summary>The test parser itself: it must accept valid expositions and reject each kind of mistake.</summary>
public sealed class PrometheusTextParserTests
{
    private const string Valid = """
        # HELP edgerouter_requests_total Requests, with a \\ backslash and a \n newline.
        # TYPE edgerouter_requests_total counter
        edgerouter_requests_total{route="a\"b\\c\nd",tier="local"} 3
        edgerouter_requests_total{route="x",tier="local"} 0 1700000000000
        # A plain comment.
        # HELP edgerouter_rate Rate.
        # TYPE edgerouter_rate gauge
        edgerouter_rate +Inf
        # HELP edgerouter_latency_seconds Latency.
        # TYPE edgerouter_latency_seconds histogram
        edgerouter_latency_seconds_bucket{tier="local",le="0.1"} 1
        edgerouter_latency_seconds_bucket{tier="local",le="1"} 2
        edgerouter_latency_seconds_bucket{tier="local",le="+Inf"} 3
        edgerouter_latency_seconds_sum{tier="local"} 4.5e0
        edgerouter_latency_seconds_count{tier="local"} 3

        """;

    [Fact]
    public void Parse_ValidExposition_ReadsFamiliesLabelsAndValues()
    {
        var families = PrometheusTextParser.Parse(Valid);

        var requests = families["edgerouter_requests_total"];
        Assert.Equal("counter", requests.Type);
        Assert.Equal("Requests, with a \\ backslash and a \n newline.", requests.Help);
        Assert.Equal("a\"b\\c\nd", requests.Samples[0].Label("route"));
        Assert.Equal(3, requests.Samples[0].Value);
        Assert.Equal(double.PositiveInfinity, Assert.Single(families["edgerouter_rate"].Samples).Value);
        Assert.Equal(5, families["edgerouter_latency_seconds"].Samples.Count);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("-2.5e-3", -0.0025)]
    [InlineData(".5", 0.5)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    public void GoFloat_AcceptsGoFloats(string text, double expected) => Assert.Equal(expected, PrometheusTextParser.GoFloat(text));

    [Fact]
    public void GoFloat_NaN() => Assert.True(double.IsNaN(PrometheusTextParser.GoFloat("NaN")));

    [Theory]
    [InlineData("1,5")]
    [InlineData("0x1p3")]
    [InlineData("")]
    [InlineData("one")]
    public void GoFloat_RejectsOthers(string text) => Assert.Throws<FormatException>(() => PrometheusTextParser.GoFloat(text));

    public static TheoryData<string, string> Invalid => new()
    {
        { "no trailing newline", "# HELP a_total A.\n# TYPE a_total counter\na_total 1" },
        { "sample without TYPE", "a 1\n" },
        { "HELP but no TYPE", "# HELP a A.\na 1\n" },
        { "TYPE but no HELP", "# TYPE a gauge\na 1\n" },
        { "TYPE twice", "# HELP a A.\n# TYPE a gauge\n# TYPE a gauge\na 1\n" },
        { "HELP twice", "# HELP a A.\n# HELP a A.\n# TYPE a gauge\na 1\n" },
        { "HELP after samples", "# HELP a A.\n# TYPE a gauge\na 1\n# HELP a again\n" },
        { "unknown type", "# HELP a A.\n# TYPE a meter\na 1\n" },
        { "not contiguous", "# HELP a A.\n# TYPE a gauge\na{x=\"1\"} 1\n# HELP b B.\n# TYPE b gauge\nb 1\na{x=\"2\"} 1\n" },
        { "described again", "# HELP a A.\n# TYPE a gauge\na 1\n# HELP b B.\n# TYPE b gauge\nb 1\n# TYPE a gauge\n" },
        { "duplicate series", "# HELP a A.\n# TYPE a gauge\na{x=\"1\",y=\"2\"} 1\na{y=\"2\",x=\"1\"} 2\n" },
        { "counter without _total", "# HELP a A.\n# TYPE a counter\na 1\n" },
        { "negative counter", "# HELP a_total A.\n# TYPE a_total counter\na_total -1\n" },
        { "bad metric name", "# HELP a A.\n# TYPE a gauge\n1a 1\n" },
        { "bad label name", "# HELP a A.\n# TYPE a gauge\na{1x=\"1\"} 1\n" },
        { "reserved label name", "# HELP a A.\n# TYPE a gauge\na{__x=\"1\"} 1\n" },
        { "label twice", "# HELP a A.\n# TYPE a gauge\na{x=\"1\",x=\"2\"} 1\n" },
        { "bad label escape", "# HELP a A.\n# TYPE a gauge\na{x=\"\\t\"} 1\n" },
        { "unterminated label value", "# HELP a A.\n# TYPE a gauge\na{x=\"1} 1\n" },
        { "unquoted label value", "# HELP a A.\n# TYPE a gauge\na{x=1} 1\n" },
        { "bad HELP escape", "# HELP a A \\t.\n# TYPE a gauge\na 1\n" },
        { "bad value", "# HELP a A.\n# TYPE a gauge\na 1,5\n" },
        { "bad timestamp", "# HELP a A.\n# TYPE a gauge\na 1 soon\n" },
        { "gauge with suffix", "# HELP a A.\n# TYPE a gauge\na_count 1\n" },
        { "histogram +Inf differs from count", Histogram("1", "2", "2", "3") },
        { "histogram not cumulative", Histogram("2", "1", "2", "2") },
        { "histogram le descending", "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n" },
        { "histogram without +Inf", "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n" },
        { "histogram without _sum", "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n" },
        { "histogram without _count", "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\n" },
        { "histogram sum with le", "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum{le=\"1\"} 1\nh_count 1\n" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_InvalidExposition_Throws(string mistake, string text)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));
        Assert.False(string.IsNullOrEmpty(error.Message), mistake);
    }

    private static string Histogram(string first, string second, string inf, string count) =>
        $"# HELP h H.\n# TYPE h histogram\nh_bucket{{le=\"0.5\"}} {first}\nh_bucket{{le=\"1\"}} {second}\nh_bucket{{le=\"+Inf\"}} {inf}\nh_sum 1\nh_count {count}\n";
}
