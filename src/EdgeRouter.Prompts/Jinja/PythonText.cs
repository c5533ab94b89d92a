using System.Globalization;
using System.Text;

namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// Python's text forms of values: str() of floats, repr() of containers, json.dumps for tojson. Chat templates
/// were written against Python, so prompts only match the model's training format when these match too.
/// </summary>
internal static class PythonText
{
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e16)
        {
            return value.ToString("0.0", CultureInfo.InvariantCulture);
        }

        // .NET's shortest round-trip form is Python's, except for the exponent's letter case.
        return value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    public static string Repr(JinjaValue value, int maxNesting)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, value, maxNesting);
        return sb.ToString();
    }

    private static void AppendRepr(StringBuilder sb, JinjaValue value, int depthLeft)
    {
        if (depthLeft < 0)
        {
            throw new JinjaBudgetExceededException("nesting depth");
        }

        switch (value)
        {
            case JinjaString s:
                AppendQuoted(sb, s.Value);
                break;
            case JinjaList list:
                sb.Append('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    sb.Append(i > 0 ? ", " : "");
                    AppendRepr(sb, list.Items[i], depthLeft - 1);
                }

                sb.Append(']');
                break;
            case JinjaDict dict:
                sb.Append('{');
                var first = true;
                foreach (var (key, item) in dict.Items)
                {
                    sb.Append(first ? "" : ", ");
                    first = false;
                    AppendQuoted(sb, key);
                    sb.Append(": ");
                    AppendRepr(sb, item, depthLeft - 1);
                }

                sb.Append('}');
                break;
            default:
                sb.Append(value.AsString());
                break;
        }
    }

    // Python picks single quotes unless the text has a single quote and no double quote.
    private static void AppendQuoted(StringBuilder sb, string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ when c == quote => sb.Append('\\').Append(c),
                _ when c < ' ' => sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        sb.Append(quote);
    }
}
