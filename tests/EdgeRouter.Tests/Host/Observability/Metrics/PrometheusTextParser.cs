using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EdgeRouter.Tests.Host.Observability.Metrics;

public sealed record ParsedSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : "";
}

public sealed record ParsedFamily(string Name, string Type, string? Help, IReadOnlyList<ParsedSample> Samples);

/// <summary>
/// A strict reader of Prometheus text exposition format 0.0.4, plus our own conventions: every family declares HELP
/// and TYPE (once each, before its samples), a family's samples are contiguous, no series repeats, counters end in
/// <c>_total</c> and are never negative, histograms have ascending <c>le</c> buckets ending in <c>+Inf</c>, cumulative,
/// with <c>+Inf</c> equal to <c>_count</c> and a <c>_sum</c>; the text ends with a newline. Any violation throws
/// <see cref="FormatException"/> naming the line.
/// </summary>
public static partial class PrometheusTextParser
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyDictionary<string, ParsedFamily> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition does not end with a newline");
        }
        var families = new Dictionary<string, FamilyBuilder>(StringComparer.Ordinal);
        FamilyBuilder? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            var number = i + 1;
            try
            {
                if (line.Length == 0)
                {
                    continue;
                }
                if (line.StartsWith('#'))
                {
                    current = Comment(line, families, current);
                    continue;
                }
                var sample = Sample(line);
                var family = FamilyOf(sample.Name, families)
                    ?? throw new FormatException($"sample {sample.Name} has no # TYPE line before it");
                if (!ReferenceEquals(family, current) && family.Samples.Count > 0)
                {
                    throw new FormatException($"samples of {family.Name} are not contiguous");
                }
                if (family.Samples.Count == 0 && family.Help is null)
                {
                    throw new FormatException($"family {family.Name} has no # HELP line before its samples");
                }
                current = family;
                family.Add(sample);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"line {number}: {ex.Message}: {line}", ex);
            }
            catch (IndexOutOfRangeException ex)
            {
                throw new FormatException($"line {number}: unterminated label set: {line}", ex);
            }
        }
        foreach (var family in families.Values)
        {
            family.Validate();
        }
        return families.ToDictionary(f => f.Key, f => f.Value.Build(), StringComparer.Ordinal);
    }

    private static FamilyBuilder? Comment(string line, Dictionary<string, FamilyBuilder> families, FamilyBuilder? current)
    {
        var match = Descriptor().Match(line);
        if (!match.Success)
        {
            if (line.StartsWith("# HELP", StringComparison.Ordinal) || line.StartsWith("# TYPE", StringComparison.Ordinal))
            {
                throw new FormatException("malformed HELP/TYPE line");
            }
            return current; // A plain comment.
        }
        var name = match.Groups["name"].Value;
        if (!families.TryGetValue(name, out var family))
        {
            family = new FamilyBuilder(name);
            families[name] = family;
        }
        else if (!ReferenceEquals(family, current))
        {
            throw new FormatException($"family {name} is described again after other families");
        }
        if (family.Samples.Count > 0)
        {
            throw new FormatException($"# {match.Groups["kind"].Value} of {name} after its samples");
        }
        var rest = match.Groups["rest"].Value;
        if (match.Groups["kind"].Value == "HELP")
        {
            if (family.Help is not null)
            {
                throw new FormatException($"second # HELP for {name}");
            }
            family.Help = Unescape(rest, allowQuote: false);
        }
        else
        {
            if (family.Type is not null)
            {
                throw new FormatException($"second # TYPE for {name}");
            }
            if (!Types.Contains(rest))
            {
                throw new FormatException($"unknown type '{rest}'");
            }
            if (rest == "counter" && !name.EndsWith("_total", StringComparison.Ordinal))
            {
                throw new FormatException($"counter {name} does not end in _total");
            }
            family.Type = rest;
        }
        return family;
    }

    private static ParsedSample Sample(string line)
    {
        var name = MetricName().Match(line);
        if (!name.Success)
        {
            throw new FormatException("no metric name");
        }
        var position = name.Length;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                if (labels.Count > 0)
                {
                    if (line[position] != ',')
                    {
                        throw new FormatException("labels must be separated by commas");
                    }
                    position++;
                }
                var label = LabelName().Match(line, position);
                if (!label.Success || label.Index != position || label.Value.StartsWith("__", StringComparison.Ordinal))
                {
                    throw new FormatException("invalid label name");
                }
                position += label.Length;
                if (line.Length < position + 2 || line[position] != '=' || line[position + 1] != '"')
                {
                    throw new FormatException($"label {label.Value} is not followed by =\"");
                }
                position += 2;
                var value = new StringBuilder();
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"invalid escape \\{line[position]}"),
                        });
                    }
                    else
                    {
                        value.Append(line[position]);
                    }
                    position++;
                }
                position++;
                if (!labels.TryAdd(label.Value, value.ToString()))
                {
                    throw new FormatException($"label {label.Value} appears twice");
                }
            }
            position++;
        }
        if (position >= line.Length || line[position] != ' ')
        {
            throw new FormatException("no space before the value");
        }
        var fields = line[(position + 1)..].Split(' ');
        if (fields.Length is < 1 or > 2 || (fields.Length == 2 && !long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException("expected a value and an optional integer timestamp");
        }
        return new ParsedSample(name.Value, labels, GoFloat(fields[0]));
    }

    /// <summary>The values Go's ParseFloat accepts in expositions: decimal floats, Inf/+Inf/-Inf, NaN.</summary>
    public static double GoFloat(string text)
    {
        switch (text.ToLowerInvariant())
        {
            case "+inf" or "inf" or "+infinity" or "infinity":
                return double.PositiveInfinity;
            case "-inf" or "-infinity":
                return double.NegativeInfinity;
            case "nan":
                return double.NaN;
        }
        if (!GoDecimal().IsMatch(text))
        {
            throw new FormatException($"'{text}' is not a float");
        }
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static FamilyBuilder? FamilyOf(string sampleName, Dictionary<string, FamilyBuilder> families)
    {
        if (families.TryGetValue(sampleName, out var exact) && exact.Type is "counter" or "gauge" or "untyped")
        {
            return exact;
        }
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                && families.TryGetValue(sampleName[..^suffix.Length], out var parent)
                && (parent.Type == "histogram" || (parent.Type == "summary" && suffix != "_bucket")))
            {
                return parent;
            }
        }
        return families.TryGetValue(sampleName, out var summary) && summary.Type == "summary" ? summary : null;
    }

    private static string Unescape(string text, bool allowQuote)
    {
        var value = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                value.Append(text[i]);
                continue;
            }
            if (++i == text.Length)
            {
                throw new FormatException("dangling backslash");
            }
            value.Append(text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when allowQuote => '"',
                _ => throw new FormatException($"invalid escape \\{text[i]}"),
            });
        }
        return value.ToString();
    }

    private sealed class FamilyBuilder(string name)
    {
        private readonly HashSet<string> _series = new(StringComparer.Ordinal);

        public string Name { get; } = name;

        public string? Help { get; set; }

        public string? Type { get; set; }

        public List<ParsedSample> Samples { get; } = [];

        public void Add(ParsedSample sample)
        {
            if (Type is null)
            {
                throw new FormatException($"{Name} has a HELP but no TYPE before its samples");
            }
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!_series.Add(key))
            {
                throw new FormatException($"duplicate series {key}");
            }
            if (Type == "counter" && !(sample.Value >= 0))
            {
                throw new FormatException($"counter {Name} has the value {sample.Value}");
            }
            if (Type == "histogram" && sample.Name.EndsWith("_bucket", StringComparison.Ordinal) != sample.Labels.ContainsKey("le"))
            {
                throw new FormatException("histogram buckets, and only buckets, carry an le label");
            }
            Samples.Add(sample);
        }

        public void Validate()
        {
            if (Type is null)
            {
                throw new FormatException($"family {Name} has no # TYPE");
            }
            if (Type == "histogram")
            {
                ValidateHistogram();
            }
        }

        private void ValidateHistogram()
        {
            var groups = Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => l.Key + "=" + l.Value)));
            foreach (var group in groups)
            {
                var buckets = group.Where(s => s.Name == Name + "_bucket").ToList();
                var count = group.SingleOrDefault(s => s.Name == Name + "_count")
                    ?? throw new FormatException($"histogram {Name}{{{group.Key}}} has no _count");
                _ = group.SingleOrDefault(s => s.Name == Name + "_sum") ?? throw new FormatException($"histogram {Name}{{{group.Key}}} has no _sum");
                if (buckets.Count == 0 || !double.IsPositiveInfinity(GoFloat(buckets[^1].Labels["le"])))
                {
                    throw new FormatException($"histogram {Name}{{{group.Key}}} does not end with an le=\"+Inf\" bucket");
                }
                for (var i = 1; i < buckets.Count; i++)
                {
                    if (!(GoFloat(buckets[i].Labels["le"]) > GoFloat(buckets[i - 1].Labels["le"])))
                    {
                        throw new FormatException($"histogram {Name}{{{group.Key}}}: le is not strictly ascending");
                    }
                    if (buckets[i].Value < buckets[i - 1].Value)
                    {
                        throw new FormatException($"histogram {Name}{{{group.Key}}}: buckets are not cumulative");
                    }
                }
                if (buckets[^1].Value != count.Value)
                {
                    throw new FormatException($"histogram {Name}{{{group.Key}}}: +Inf bucket {buckets[^1].Value} != _count {count.Value}");
                }
            }
        }

        public ParsedFamily Build() => new(Name, Type!, Help, Samples);
    }

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$")]
    private static partial Regex Descriptor();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex("[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex GoDecimal();
}
