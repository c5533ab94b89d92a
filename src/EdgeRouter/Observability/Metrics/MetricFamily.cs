using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using EdgeRouter.Core.Observability;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>
/// One metric family with a fixed set of label names. Each distinct set of label values gets one cell, created on
/// first use and kept forever, so callers must only pass bounded values (names from the config, fixed vocabularies).
/// </summary>
public abstract partial class MetricFamily
{
    private protected MetricFamily(string name, string help, MetricType type, string[] labelNames)
    {
        if (!MetricName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name", nameof(name));
        }
        foreach (var label in labelNames)
        {
            if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal) || label == "le")
            {
                throw new ArgumentException($"'{label}' is not a valid label name for {name}", nameof(labelNames));
            }
        }
        Name = name;
        Help = help;
        Type = type;
        LabelNames = labelNames;
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public IReadOnlyList<string> LabelNames { get; }

    public void WriteTo(StringBuilder output)
    {
        PrometheusText.Family(output, Name, Type, Help);
        WriteSamples(output);
    }

    private protected abstract void WriteSamples(StringBuilder output);

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}

/// <summary>A family whose cells are <typeparamref name="TCell"/>; samples are written in label-value order.</summary>
public abstract class MetricFamily<TCell> : MetricFamily
    where TCell : class
{
    private const char KeySeparator = '\u001f';

    private readonly ConcurrentDictionary<string, (string[] Values, TCell Cell)> _cells = new(StringComparer.Ordinal);
    private readonly string[] _labelNames;

    private protected MetricFamily(string name, string help, MetricType type, string[] labelNames)
        : base(name, help, type, labelNames)
    {
        _labelNames = labelNames;
    }

    /// <summary>The cell for these label values (in <see cref="MetricFamily.LabelNames"/> order).</summary>
    public TCell WithLabels(params string[] values)
    {
        if (values.Length != _labelNames.Length)
        {
            throw new ArgumentException($"{Name} takes {_labelNames.Length} label values, got {values.Length}", nameof(values));
        }
        var key = string.Join(KeySeparator, values);
        return _cells.GetOrAdd(key, static (_, state) => (state.Values, state.Family.NewCell()), (Values: values, Family: this)).Cell;
    }

    private protected abstract TCell NewCell();

    private protected abstract void WriteCell(StringBuilder output, ReadOnlySpan<string> labelNames, ReadOnlySpan<string> labelValues, TCell cell);

    private protected sealed override void WriteSamples(StringBuilder output)
    {
        if (_labelNames.Length == 0)
        {
            // An unlabelled family always exports its one series, from zero.
            WithLabels();
        }
        foreach (var (_, (values, cell)) in _cells.OrderBy(static c => c.Key, StringComparer.Ordinal))
        {
            WriteCell(output, _labelNames, values, cell);
        }
    }
}
