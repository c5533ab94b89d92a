using System.Text;
using EdgeRouter.Core.Observability;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>A value that is set, not accumulated (the last generation's rate, a state).</summary>
public sealed class Gauge : MetricFamily<Gauge.Cell>
{
    internal Gauge(string name, string help, string[] labelNames)
        : base(name, help, MetricType.Gauge, labelNames)
    {
    }

    private protected override Cell NewCell() => new();

    private protected override void WriteCell(StringBuilder output, ReadOnlySpan<string> labelNames, ReadOnlySpan<string> labelValues, Cell cell) =>
        PrometheusText.Sample(output, Name, labelNames, labelValues, cell.Value);

    public sealed class Cell
    {
        private AtomicDouble _value;

        public double Value => _value.Value;

        public void Set(double value) => _value.Set(value);
    }
}
