namespace EdgeRouter.Core.Observability;

public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
