using System.Diagnostics;
using EdgeRouter.Host.Observability.Metrics;
using EdgeRouter.Core.Observability;

namespace EdgeRouter.Tests.Host.Observability.Metrics;

/// <summary>Scrapes a running router's /metrics through the strict parser and looks values up by labels.</summary>
internal static class MetricsScrape
{
    public static async Task<IReadOnlyDictionary<string, ParsedFamily>> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(PrometheusText.ContentType, response.Content.Headers.ContentType?.ToString());
        return PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Scrapes until <paramref name="done"/> holds: a request is counted when its handler returns, which can be just
    /// after the client has read a Content-Length response.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, ParsedFamily>> ScrapeUntilAsync(HttpClient client,
        Func<IReadOnlyDictionary<string, ParsedFamily>, bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var families = await ScrapeAsync(client);
            if (done(families))
            {
                return families;
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("the expected metrics never appeared");
            }
            await Task.Delay(10);
        }
    }

    /// <summary>The sum of the samples named <paramref name="sample"/> whose labels include all of <paramref name="labels"/>; 0 if none.</summary>
    public static double Value(this IReadOnlyDictionary<string, ParsedFamily> families, string family, string sample,
        params (string Name, string Value)[] labels) =>
        families.TryGetValue(family, out var found)
            ? found.Samples.Where(s => s.Name == sample && labels.All(l => s.Label(l.Name) == l.Value)).Sum(s => s.Value)
            : 0;

    public static double Value(this IReadOnlyDictionary<string, ParsedFamily> families, string family, params (string Name, string Value)[] labels) =>
        families.Value(family, family, labels);

    public static double Requests(this IReadOnlyDictionary<string, ParsedFamily> families, string surface, string route, string tier, string outcome) =>
        families.Value("edgerouter_requests_total", ("surface", surface), ("route", route), ("tier", tier), ("outcome", outcome));
}
