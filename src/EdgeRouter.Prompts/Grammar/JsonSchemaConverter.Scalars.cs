using System.Globalization;
using System.Text.Json;

namespace EdgeRouter.Prompts.Grammar;

internal sealed partial class JsonSchemaConverter
{
    private string String(JsonElement schema, string hint, string path)
    {
        var min = Count(schema, "minLength", path) ?? 0;
        var max = Count(schema, "maxLength", path);
        if (max < min)
        {
            throw new SchemaNotSupportedException("maxLength", path, "maxLength is below minLength.");
        }
        if (schema.TryGetProperty("format", out var format))
        {
            if (min != 0 || max is not null)
            {
                throw new SchemaNotSupportedException("format", path, "format cannot be combined with minLength/maxLength.");
            }
            var rule = format.ValueKind == JsonValueKind.String ? format.GetString() switch
            {
                "date" => GbnfPrimitives.Date(_rules),
                "time" => GbnfPrimitives.Time(_rules),
                "date-time" => GbnfPrimitives.DateTime(_rules),
                "uuid" => GbnfPrimitives.Uuid(_rules),
                _ => null,
            } : null;
            return rule is null
                ? throw new SchemaNotSupportedException($"format '{format}'", path, "supported formats are date, time, date-time and uuid.")
                : _rules.Add(hint, $"\"\\\"\" {rule} \"\\\"\"");
        }
        if (min == 0 && max is null)
        {
            return GbnfPrimitives.String(_rules);
        }
        var chars = max == 0 ? string.Empty : GbnfText.Repeat(GbnfPrimitives.Char(_rules), min, max);
        return _rules.Add(hint, $"\"\\\"\" {chars} \"\\\"\"");
    }

    /// <summary>Bounds become a digit-range grammar (exclusive bounds move inward by one).</summary>
    private string Integer(JsonElement schema, string hint, string path)
    {
        var (min, minExclusive) = Bound(schema, "minimum", "exclusiveMinimum", path);
        var (max, maxExclusive) = Bound(schema, "maximum", "exclusiveMaximum", path);
        if (min is null && max is null)
        {
            return GbnfPrimitives.Integer(_rules);
        }
        long? lo = min is { } a ? (long)(minExclusive ? Math.Floor(a) + 1 : Math.Ceiling(a)) : null;
        long? hi = max is { } b ? (long)(maxExclusive ? Math.Ceiling(b) - 1 : Math.Floor(b)) : null;
        if (lo > hi)
        {
            throw new SchemaNotSupportedException(min is null ? "maximum" : "minimum", path, "the bounds leave no integer.");
        }
        return _rules.Add(hint, IntegerRangeRule.Build(lo, hi));
    }

    /// <summary>
    /// Numbers with bounds: expressible when the bounds are whole numbers &gt;= 0 (the usual 0..1, 1..5, 0..100):
    /// the integral part ranges over [lo, hi-1] with any fraction, plus hi itself with a zero fraction when inclusive.
    /// Negative or fractional bounds are refused rather than approximated.
    /// </summary>
    private string Number(JsonElement schema, string hint, string path)
    {
        var (min, minExclusive) = Bound(schema, "minimum", "exclusiveMinimum", path);
        var (max, maxExclusive) = Bound(schema, "maximum", "exclusiveMaximum", path);
        if (min is null && max is null)
        {
            return GbnfPrimitives.Number(_rules);
        }
        var lowKeyword = minExclusive ? "exclusiveMinimum" : "minimum";
        var highKeyword = maxExclusive ? "exclusiveMaximum" : "maximum";
        if (min is not { } lo || lo < 0 || lo != Math.Floor(lo))
        {
            throw new SchemaNotSupportedException(lowKeyword, path, "number bounds are supported when the lower bound is a whole number >= 0.");
        }
        if (max is { } m && m != Math.Floor(m))
        {
            throw new SchemaNotSupportedException(highKeyword, path, "number bounds are supported when they are whole numbers.");
        }
        var low = (long)lo;
        long? high = max is { } h ? (long)h : null;
        var fraction = "( \".\" [0-9]{1,15} )?";
        var alternatives = new List<string>();
        if (minExclusive)
        {
            // Just above lo: lo followed by a fraction that is not all zeros.
            alternatives.Add($"\"{low}\" \".\" [0-9]{{0,14}} [1-9]");
            low++;
        }
        var intHigh = high - 1;
        if (intHigh is null || low <= intHigh)
        {
            alternatives.Add($"( {IntegerRangeRule.Build(low, intHigh)} ) {fraction}");
        }
        if (high is { } top && !maxExclusive && top >= low)
        {
            alternatives.Add($"\"{top.ToString(CultureInfo.InvariantCulture)}\" ( \".\" \"0\"{{1,15}} )?");
        }
        if (alternatives.Count == 0 || (high is { } t && t <= lo && (minExclusive || maxExclusive)))
        {
            throw new SchemaNotSupportedException(highKeyword, path, "the bounds leave no number.");
        }
        return _rules.Add(hint, string.Join(" | ", alternatives));
    }

    /// <summary>A bound from the inclusive keyword or the exclusive one (a number; draft-4's boolean form too).</summary>
    private static (double? Value, bool Exclusive) Bound(JsonElement schema, string inclusive, string exclusive, string path)
    {
        var hasInclusive = schema.TryGetProperty(inclusive, out var inc);
        var hasExclusive = schema.TryGetProperty(exclusive, out var exc);
        if (hasExclusive && exc.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            // Draft 4: exclusiveMinimum: true turns minimum exclusive.
            return hasInclusive ? (ReadNumber(inc, inclusive, path), exc.ValueKind == JsonValueKind.True) : (null, false);
        }
        if (hasInclusive && hasExclusive)
        {
            var a = ReadNumber(inc, inclusive, path);
            var b = ReadNumber(exc, exclusive, path);
            var exclusiveIsTighter = inclusive == "minimum" ? b >= a : b <= a;
            return exclusiveIsTighter ? (b, true) : (a, false);
        }
        if (hasExclusive)
        {
            return (ReadNumber(exc, exclusive, path), true);
        }
        return hasInclusive ? (ReadNumber(inc, inclusive, path), false) : (null, false);
    }

    private static double ReadNumber(JsonElement value, string keyword, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number)
            || Math.Abs(number) > IntegerRangeRule.Limit)
        {
            throw new SchemaNotSupportedException(keyword, path, $"expected a number within ±{IntegerRangeRule.Limit}.");
        }
        return number;
    }

    /// <summary>A non-negative count keyword, bounded so llama.cpp's grammar parser accepts the repetition.</summary>
    private static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count) || count < 0)
        {
            throw new SchemaNotSupportedException(keyword, path, "expected a non-negative integer.");
        }
        if (count > MaxRepeat)
        {
            throw new SchemaNotSupportedException(keyword, path, $"values above {MaxRepeat} are not supported by the grammar sampler.");
        }
        return count;
    }
}
