using System.Globalization;

namespace EdgeRouter.Prompts.Grammar;

/// <summary>
/// GBNF for the decimal integers in [min, max] (either end open), digit by digit: the range is split into spans
/// such as 17..19, 20..99, 100..349 whose digits are each a literal or a character class, the way regex range
/// generators do. No leading zeros, at most 16 digits (as <see cref="GbnfPrimitives.IntegralPart"/>).
/// </summary>
internal static class IntegerRangeRule
{
    public const long Limit = 999_999_999_999_999; // 15 nines: comfortably inside long and double's exact range

    public static string Build(long? min, long? max)
    {
        if (min is { } lo && max is { } hi && lo > hi)
        {
            throw new ArgumentException("The range is empty.", nameof(min));
        }
        var alternatives = new List<string>();
        // Negative part: "-" followed by the magnitudes [max(1,-hi) .. -lo].
        if (min is not { } minValue || minValue < 0)
        {
            long negLo = max is { } h && h < 0 ? -h : 1;
            long? negHi = min is { } l ? -l : null;
            if (negHi is null || negLo <= negHi)
            {
                alternatives.Add($"\"-\" ( {NonNegative(negLo, negHi)} )");
            }
        }
        // Non-negative part: [max(0,lo) .. hi].
        if (max is not { } maxValue || maxValue >= 0)
        {
            var posLo = min is { } l && l > 0 ? l : 0;
            alternatives.Add(NonNegative(posLo, max));
        }
        return string.Join(" | ", alternatives);
    }

    /// <summary>Magnitudes in [lo, hi] (hi null = unbounded, up to 16 digits), lo &gt;= 0.</summary>
    private static string NonNegative(long lo, long? hi)
    {
        if (hi is { } top)
        {
            return string.Join(" | ", Split(lo, top).Select(span => Pattern(span.Start, span.End)));
        }
        var digits = Digits(lo);
        var sameLength = lo == 0 ? "\"0\"" : string.Join(" | ", Split(lo, Pow10(digits) - 1).Select(s => Pattern(s.Start, s.End)));
        // Every number with more digits than lo is larger than lo.
        var longer = digits >= 16 ? null : $"[1-9] [0-9]{{{digits},15}}";
        return longer is null ? sameLength : $"{sameLength} | {longer}";
    }

    private static List<(long Start, long End)> Split(long min, long max)
    {
        var stops = new SortedSet<long> { max };
        for (var nines = 1; nines <= 16; nines++)
        {
            var stop = FillNines(min, nines);
            if (stop < min || stop >= max)
            {
                break;
            }
            stops.Add(stop);
        }
        for (var zeros = 1; zeros <= 16; zeros++)
        {
            var stop = ClearZeros(max + 1, zeros) - 1;
            if (stop <= min || stop > max)
            {
                break;
            }
            stops.Add(stop);
        }
        var spans = new List<(long, long)>();
        var start = min;
        foreach (var stop in stops)
        {
            if (stop < start)
            {
                continue;
            }
            spans.Add((start, stop));
            start = stop + 1;
        }
        return spans;
    }

    /// <summary>One span whose bounds have the same length and differ only in a tail of full [0-9] digits.</summary>
    private static string Pattern(long start, long end)
    {
        var a = start.ToString(CultureInfo.InvariantCulture);
        var b = end.ToString(CultureInfo.InvariantCulture);
        if (a.Length != b.Length)
        {
            // Split never produces this; kept as a guard so a bug shows up as a wrong grammar in tests, not a crash.
            throw new InvalidOperationException($"Span {a}..{b} crosses a digit count.");
        }
        var parts = new List<string>();
        var literal = string.Empty;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                literal += a[i];
                continue;
            }
            if (literal.Length > 0)
            {
                parts.Add($"\"{literal}\"");
                literal = string.Empty;
            }
            parts.Add(a[i] == '0' && b[i] == '9' ? "[0-9]" : $"[{a[i]}-{b[i]}]");
        }
        if (literal.Length > 0)
        {
            parts.Add($"\"{literal}\"");
        }
        return parts.Count == 1 ? parts[0] : "( " + string.Join(" ", parts) + " )";
    }

    private static long FillNines(long value, int nines)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (nines >= text.Length)
        {
            return nines > 17 ? long.MaxValue : Pow10(nines) - 1;
        }
        return long.Parse(text[..^nines] + new string('9', nines), CultureInfo.InvariantCulture);
    }

    private static long ClearZeros(long value, int zeros)
    {
        var p = Pow10(zeros);
        return value - (value % p);
    }

    private static int Digits(long value) => value == 0 ? 1 : value.ToString(CultureInfo.InvariantCulture).Length;

    private static long Pow10(int n)
    {
        long p = 1;
        for (var i = 0; i < n; i++)
        {
            p *= 10;
        }
        return p;
    }
}
