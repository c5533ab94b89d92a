using System.Text;
using EdgeRouter.Core.Observability;
using EdgeRouter.Edge.Reporting;
using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Edge.Thermal;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>
/// GET /metrics: this process's families, the live router state, the board's thermal and telemetry gauges (latest
/// sample), then every registered <see cref="IMetricsSource"/>, as Prometheus text format 0.0.4.
/// </summary>
internal sealed class MetricsEndpoint(MetricsRegistry registry, RouterStateMetrics state, TelemetrySampler sampler, ThermalMonitor thermal,
    IEnumerable<IMetricsSource> sources, ILogger<MetricsEndpoint> logger)
{
    private readonly IMetricsSource[] _sources = [.. sources];

    public Task HandleAsync(HttpContext context)
    {
        var output = new StringBuilder(16 * 1024);
        registry.WriteTo(output);
        state.WriteTo(output);
        EdgeMetricsWriter.Write(output, sampler.Latest, thermal);
        var scratch = new StringBuilder();
        foreach (var source in _sources)
        {
            // Written aside first: a source that throws half-way must not leave a broken family in the scrape.
            scratch.Clear();
            try
            {
                source.WriteTo(scratch);
                output.Append(scratch);
            }
            catch (Exception ex)
            {
                MetricsLog.SourceFailed(logger, ex, source.GetType().Name);
            }
        }
        context.Response.ContentType = PrometheusText.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(output.ToString(), context.RequestAborted);
    }
}
