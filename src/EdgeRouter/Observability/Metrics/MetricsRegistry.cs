using System.Text;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>The families this process owns, written in registration order. Registration happens at start-up.</summary>
public sealed class MetricsRegistry
{
    private readonly Lock _sync = new();
    private readonly List<MetricFamily> _families = [];

    public Counter Counter(string name, string help, params string[] labelNames) => Add(new Counter(name, help, labelNames));

    public Gauge Gauge(string name, string help, params string[] labelNames) => Add(new Gauge(name, help, labelNames));

    /// <param name="bounds">Bucket upper bounds in base units, strictly ascending; +Inf is implied.</param>
    public Histogram Histogram(string name, string help, double[] bounds, params string[] labelNames) =>
        Add(new Histogram(name, help, bounds, labelNames));

    public void WriteTo(StringBuilder output)
    {
        lock (_sync)
        {
            foreach (var family in _families)
            {
                family.WriteTo(output);
            }
        }
    }

    private T Add<T>(T family)
        where T : MetricFamily
    {
        lock (_sync)
        {
            if (_families.Any(f => f.Name == family.Name))
            {
                throw new ArgumentException($"metric {family.Name} is already registered", nameof(family));
            }
            _families.Add(family);
        }
        return family;
    }
}
