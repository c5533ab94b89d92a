using System.Globalization;
using System.Text;

namespace EdgeRouter.Core.Observability;

/// <summary>
/// Prometheus text exposition format 0.0.4: one <c># HELP</c> and <c># TYPE</c> line per family, then its samples.
/// HELP text escapes <c>\</c> and newlines; label values also escape <c>"</c>. Values are Go floats (<c>+Inf</c>, <c>NaN</c>).
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Family(StringBuilder output, string name, MetricType type, string help)
    {
        output.Append("# HELP ").Append(name).Append(' ');
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => output.Append("\\\\"),
                '\n' => output.Append("\\n"),
                _ => output.Append(c),
            };
        }
        output.Append("\n# TYPE ").Append(name).Append(' ').Append(TypeName(type)).Append('\n');
    }

    /// <summary>One sample line; <paramref name="labelNames"/> and <paramref name="labelValues"/> pair up by index.</summary>
    public static void Sample(StringBuilder output, string name, ReadOnlySpan<string> labelNames, ReadOnlySpan<string> labelValues, double value,
        string? extraLabel = null, string? extraValue = null)
    {
        output.Append(name);
        if (labelNames.Length > 0 || extraLabel is not null)
        {
            output.Append('{');
            for (var i = 0; i < labelNames.Length; i++)
            {
                Label(output, i > 0, labelNames[i], labelValues[i]);
            }
            if (extraLabel is not null)
            {
                Label(output, labelNames.Length > 0, extraLabel, extraValue ?? string.Empty);
            }
            output.Append('}');
        }
        output.Append(' ').Append(Value(value)).Append('\n');
    }

    public static void Sample(StringBuilder output, string name, double value) => Sample(output, name, [], [], value);

    /// <summary>A family of one unlabelled gauge.</summary>
    public static void Gauge(StringBuilder output, string name, string help, double value)
    {
        Family(output, name, MetricType.Gauge, help);
        Sample(output, name, value);
    }

    public static string Value(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static void Label(StringBuilder output, bool comma, string name, string value)
    {
        if (comma)
        {
            output.Append(',');
        }
        output.Append(name).Append("=\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => output.Append("\\\\"),
                '"' => output.Append("\\\""),
                '\n' => output.Append("\\n"),
                _ => output.Append(c),
            };
        }
        output.Append('"');
    }

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        _ => "histogram",
    };
}
