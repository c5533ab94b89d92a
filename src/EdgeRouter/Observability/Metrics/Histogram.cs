using System.Globalization;
using System.Text;
using EdgeRouter.Core.Observability;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>
/// Observations in fixed buckets (upper bounds in base units, ascending). Exported cumulatively as <c>_bucket</c>
/// lines with <c>le</c> ascending and a final <c>+Inf</c> equal to <c>_count</c>, then <c>_sum</c> and <c>_count</c>.
/// </summary>
public sealed class Histogram : MetricFamily<Histogram.Cell>
{
    private readonly double[] _bounds;
    private readonly string[] _boundLabels;

    internal Histogram(string name, string help, double[] bounds, string[] labelNames)
        : base(name, help, MetricType.Histogram, labelNames)
    {
        if (bounds.Length == 0 || bounds.Zip(bounds.Skip(1)).Any(static p => p.Second <= p.First) || bounds.Any(static b => !double.IsFinite(b)))
        {
            throw new ArgumentException($"{name}: bucket bounds must be finite and strictly ascending", nameof(bounds));
        }
        _bounds = bounds;
        _boundLabels = [.. bounds.Select(static b => b.ToString("R", CultureInfo.InvariantCulture)), "+Inf"];
    }

    public void Observe(double value, params string[] labelValues) => WithLabels(labelValues).Observe(value);

    private protected override Cell NewCell() => new(_bounds);

    private protected override void WriteCell(StringBuilder output, ReadOnlySpan<string> labelNames, ReadOnlySpan<string> labelValues, Cell cell)
    {
        var count = cell.Count;
        var cumulative = 0L;
        for (var i = 0; i < _bounds.Length; i++)
        {
            cumulative = Math.Min(count, cumulative + cell.BucketCount(i));
            PrometheusText.Sample(output, Name + "_bucket", labelNames, labelValues, cumulative, "le", _boundLabels[i]);
        }
        PrometheusText.Sample(output, Name + "_bucket", labelNames, labelValues, count, "le", "+Inf");
        PrometheusText.Sample(output, Name + "_sum", labelNames, labelValues, cell.Sum);
        PrometheusText.Sample(output, Name + "_count", labelNames, labelValues, count);
    }

    public sealed class Cell
    {
        private readonly double[] _bounds;
        private readonly long[] _buckets;
        private long _count;
        private AtomicDouble _sum;

        internal Cell(double[] bounds)
        {
            _bounds = bounds;
            _buckets = new long[bounds.Length];
        }

        public long Count => Volatile.Read(ref _count);

        public double Sum => _sum.Value;

        /// <summary>Records one observation; NaN is dropped (it would poison the sum).</summary>
        public void Observe(double value)
        {
            if (double.IsNaN(value))
            {
                return;
            }
            var index = Array.BinarySearch(_bounds, value);
            // Bounds are inclusive ("le"): an exact match lands in its own bucket, otherwise the next larger bound.
            index = index >= 0 ? index : ~index;
            if (index < _buckets.Length)
            {
                Interlocked.Increment(ref _buckets[index]);
            }
            _sum.Add(value);
            // Counted last; the writer reads the count first and caps the buckets at it, so a concurrent scrape still
            // exports cumulative buckets whose +Inf equals _count.
            Interlocked.Increment(ref _count);
        }

        internal long BucketCount(int index) => Volatile.Read(ref _buckets[index]);
    }
}
