namespace EdgeRouter.Prompts.Jinja;

/// <summary>Python str methods.</summary>
internal static class StringMethods
{
    public static JinjaValue? Call(Interpreter interpreter, string s, string name, CallArguments args)
    {
        interpreter.Charge(s.Length);
        var first = args.Get(0, "");
        return name switch
        {
            "strip" => new JinjaString(first is JinjaString c ? s.Trim(c.Value.ToCharArray()) : s.Trim()),
            "lstrip" => new JinjaString(first is JinjaString c ? s.TrimStart(c.Value.ToCharArray()) : s.TrimStart()),
            "rstrip" => new JinjaString(first is JinjaString c ? s.TrimEnd(c.Value.ToCharArray()) : s.TrimEnd()),
            "upper" => new JinjaString(s.ToUpperInvariant()),
            "lower" => new JinjaString(s.ToLowerInvariant()),
            "title" => Filters.Title(s),
            "capitalize" => Filters.Capitalize(s),
            "startswith" => JinjaValue.From(Affixes(first).Any(p => s.StartsWith(p, StringComparison.Ordinal))),
            "endswith" => JinjaValue.From(Affixes(first).Any(p => s.EndsWith(p, StringComparison.Ordinal))),
            "split" => Split(s, first, args.Get(1, "maxsplit")),
            "splitlines" => new JinjaList(s.Split('\n').Select(l => (JinjaValue)new JinjaString(l.TrimEnd('\r'))).ToList()),
            "replace" => Replace(interpreter, s, args),
            "find" => new JinjaInt(s.IndexOf(first.AsString(), StringComparison.Ordinal)),
            "rfind" => new JinjaInt(s.LastIndexOf(first.AsString(), StringComparison.Ordinal)),
            "count" => new JinjaInt(Count(s, first.AsString())),
            "join" => Join(interpreter, s, first),
            "isdigit" => JinjaValue.From(s.Length > 0 && s.All(char.IsDigit)),
            "isalpha" => JinjaValue.From(s.Length > 0 && s.All(char.IsLetter)),
            "isspace" => JinjaValue.From(s.Length > 0 && s.All(char.IsWhiteSpace)),
            "format" => Format(s, args),
            _ => null,
        };
    }

    private static IEnumerable<string> Affixes(JinjaValue value) =>
        value is JinjaList list ? list.Items.Select(i => i.AsString()) : [value.AsString()];

    private static JinjaList Split(string s, JinjaValue separator, JinjaValue maxSplit)
    {
        var limit = maxSplit is JinjaInt m && m.Value >= 0 ? (int)Math.Min(m.Value + 1, int.MaxValue) : int.MaxValue;
        var parts = separator is JinjaString sep && sep.Value.Length > 0
            ? s.Split(sep.Value, limit)
            : s.Split((char[]?)null, limit, StringSplitOptions.RemoveEmptyEntries);
        return new JinjaList(parts.Select(p => (JinjaValue)new JinjaString(p)).ToList());
    }

    private static JinjaString Replace(Interpreter interpreter, string s, CallArguments args)
    {
        var old = args.Get(0, "old").AsString();
        var replacement = args.Get(1, "new").AsString();
        if (old.Length == 0)
        {
            return new JinjaString(s);
        }

        var count = args.Get(2, "count") is JinjaInt c ? c.Value : -1;
        interpreter.Charge((long)Count(s, old) * Math.Max(replacement.Length, 1) + s.Length);
        if (count < 0)
        {
            return new JinjaString(s.Replace(old, replacement, StringComparison.Ordinal));
        }

        var sb = new System.Text.StringBuilder();
        var from = 0;
        for (var done = 0L; done < count; done++)
        {
            var at = s.IndexOf(old, from, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            sb.Append(s, from, at - from).Append(replacement);
            from = at + old.Length;
        }

        return new JinjaString(sb.Append(s, from, s.Length - from).ToString());
    }

    private static int Count(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return s.Length + 1;
        }

        var n = 0;
        for (var at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static JinjaString Join(Interpreter interpreter, string separator, JinjaValue items)
    {
        var parts = interpreter.Iterate(items, 0).Select(i => i.AsString()).ToList();
        interpreter.Charge(parts.Sum(p => (long)p.Length) + ((long)separator.Length * parts.Count));
        return new JinjaString(string.Join(separator, parts));
    }

    // "{} and {}".format(a, b) with automatic numbering only; enough for the templates that use it.
    private static JinjaString Format(string s, CallArguments args)
    {
        var sb = new System.Text.StringBuilder();
        var next = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '{' && i + 1 < s.Length && s[i + 1] == '}')
            {
                sb.Append(next < args.Positional.Count ? args.Positional[next++].AsString() : "");
                i++;
            }
            else
            {
                sb.Append(s[i]);
            }
        }

        return new JinjaString(sb.ToString());
    }
}
