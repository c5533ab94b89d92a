using System.Text;
using EdgeRouter.Core.Observability;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>A monotonically increasing total; its name ends in <c>_total</c>.</summary>
public sealed class Counter : MetricFamily<Counter.Cell>
{
    internal Counter(string name, string help, string[] labelNames)
        : base(name, help, MetricType.Counter, labelNames)
    {
        if (!name.EndsWith("_total", StringComparison.Ordinal))
        {
            throw new ArgumentException($"counter {name} must end in _total", nameof(name));
        }
    }

    public void Increment(params string[] labelValues) => WithLabels(labelValues).Add(1);

    private protected override Cell NewCell() => new();

    private protected override void WriteCell(StringBuilder output, ReadOnlySpan<string> labelNames, ReadOnlySpan<string> labelValues, Cell cell) =>
        PrometheusText.Sample(output, Name, labelNames, labelValues, cell.Value);

    public sealed class Cell
    {
        private AtomicDouble _value;

        public double Value => _value.Value;

        /// <summary>Adds a non-negative amount (negative amounts are ignored: a counter never goes down).</summary>
        public void Add(double amount)
        {
            if (amount > 0)
            {
                _value.Add(amount);
            }
        }
    }
}
