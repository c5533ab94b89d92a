namespace EdgeRouter.Host.Observability.Metrics;

public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
