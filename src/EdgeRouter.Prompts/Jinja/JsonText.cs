using System.Globalization;
using System.Text;

namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// The tojson filter as the Hugging Face chat-template environment defines it: json.dumps with ensure_ascii off,
/// ", " and ": " separators (or "," with an indent), keys in insertion order unless sorted.
/// </summary>
internal static class JsonText
{
    public static string Serialize(JinjaValue value, int? indent, bool sortKeys, int maxNesting)
    {
        var sb = new StringBuilder();
        Write(sb, value, indent, sortKeys, 0, maxNesting);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JinjaValue value, int? indent, bool sortKeys, int level, int maxNesting)
    {
        if (level > maxNesting)
        {
            throw new JinjaBudgetExceededException("nesting depth");
        }

        switch (value)
        {
            case JinjaNone or JinjaUndefined:
                sb.Append("null");
                break;
            case JinjaBool b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case JinjaInt i:
                sb.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case JinjaFloat f:
                sb.Append(double.IsNaN(f.Value) ? "NaN" : double.IsInfinity(f.Value) ? (f.Value > 0 ? "Infinity" : "-Infinity") : PythonText.Float(f.Value));
                break;
            case JinjaString s:
                AppendString(sb, s.Value);
                break;
            case JinjaList list:
                WriteItems(sb, '[', ']', list.Items.Count, indent, level, i => Write(sb, list.Items[i], indent, sortKeys, level + 1, maxNesting));
                break;
            case JinjaDict dict:
                var keys = dict.Items.Keys.ToList();
                if (sortKeys)
                {
                    keys.Sort(StringComparer.Ordinal);
                }

                WriteItems(sb, '{', '}', keys.Count, indent, level, i =>
                {
                    AppendString(sb, keys[i]);
                    sb.Append(": ");
                    Write(sb, dict.Items[keys[i]], indent, sortKeys, level + 1, maxNesting);
                });
                break;
            default:
                throw new JinjaRuntimeException($"a {value.TypeName} cannot be converted to JSON");
        }
    }

    private static void WriteItems(StringBuilder sb, char open, char close, int count, int? indent, int level, Action<int> writeItem)
    {
        sb.Append(open);
        if (count == 0)
        {
            sb.Append(close);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (indent is { } width)
            {
                sb.Append(i > 0 ? ",\n" : "\n").Append(' ', width * (level + 1));
            }
            else if (i > 0)
            {
                sb.Append(", ");
            }

            writeItem(i);
        }

        if (indent is { } w)
        {
            sb.Append('\n').Append(' ', w * level);
        }

        sb.Append(close);
    }

    public static void AppendString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                '\b' => sb.Append("\\b"),
                '\f' => sb.Append("\\f"),
                _ when c < ' ' => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        sb.Append('"');
    }
}
