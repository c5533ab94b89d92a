namespace EdgeRouter.Prompts.Jinja;

/// <summary>Equality, ordering, membership and number conversion shared by operators, filters and tests.</summary>
internal static class Values
{
    public static bool IsNumber(JinjaValue value) => value is JinjaInt or JinjaFloat or JinjaBool;

    public static long ToLong(JinjaValue value) => value switch
    {
        JinjaInt i => i.Value,
        JinjaBool b => b.Value ? 1 : 0,
        JinjaFloat f => (long)f.Value,
        _ => 0,
    };

    public static double ToDouble(JinjaValue value) => value is JinjaFloat f ? f.Value : ToLong(value);

    public static bool AreEqual(JinjaValue a, JinjaValue b, int depthLeft)
    {
        if (depthLeft < 0)
        {
            throw new JinjaBudgetExceededException("nesting depth");
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return ToDouble(a) == ToDouble(b);
        }

        switch (a, b)
        {
            case (JinjaString x, JinjaString y):
                return x.Value == y.Value;
            case (JinjaList x, JinjaList y):
                if (x.Items.Count != y.Items.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Items.Count; i++)
                {
                    if (!AreEqual(x.Items[i], y.Items[i], depthLeft - 1))
                    {
                        return false;
                    }
                }

                return true;
            case (JinjaDict x, JinjaDict y):
                if (x.Items.Count != y.Items.Count)
                {
                    return false;
                }

                foreach (var (key, value) in x.Items)
                {
                    if (!y.Items.TryGetValue(key, out var other) || !AreEqual(value, other, depthLeft - 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return ReferenceEquals(a, b);
        }
    }

    public static int Compare(JinjaValue a, JinjaValue b, int line)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return ToDouble(a).CompareTo(ToDouble(b));
        }

        if (a is JinjaString x && b is JinjaString y)
        {
            return string.CompareOrdinal(x.Value, y.Value);
        }

        throw new JinjaRuntimeException($"line {line}: cannot order a {a.TypeName} and a {b.TypeName}");
    }

    public static bool Contains(JinjaValue container, JinjaValue item, int maxNesting, int line) => container switch
    {
        JinjaString s when item is JinjaString sub => s.Value.Contains(sub.Value, StringComparison.Ordinal),
        JinjaList list => list.Items.Any(x => AreEqual(x, item, maxNesting)),
        JinjaDict dict => item is JinjaString key && dict.Items.ContainsKey(key.Value),
        JinjaUndefined => false,
        _ => throw new JinjaRuntimeException($"line {line}: 'in' needs a string, list or dict, not a {container.TypeName}"),
    };
}
