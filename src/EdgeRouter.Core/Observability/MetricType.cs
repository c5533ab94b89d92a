namespace EdgeRouter.Observability;

public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
