using System.Globalization;
using System.Text;

namespace EdgeRouter.Prompts.Grammar;

/// <summary>Quoting for GBNF literals: what llama.cpp's grammar parser reads back as the exact same bytes.</summary>
internal static class GbnfText
{
    /// <summary>A GBNF string literal matching <paramref name="text"/> exactly.</summary>
    public static string Literal(string text)
    {
        var quoted = new StringBuilder(text.Length + 2);
        quoted.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        quoted.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                    }
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>Repetition suffix for <paramref name="min"/>..<paramref name="max"/> (null = unbounded).</summary>
    public static string Repeat(string item, int min, int? max) => (min, max) switch
    {
        (0, null) => $"{item}*",
        (1, null) => $"{item}+",
        (0, 1) => $"{item}?",
        (_, null) => $"{item}{{{min},}}",
        _ when min == max => $"{item}{{{min}}}",
        _ => $"{item}{{{min},{max}}}",
    };
}
