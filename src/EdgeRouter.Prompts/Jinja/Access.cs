namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// value.name, value[key] and value[a:b:c]. A missing key, attribute or index is undefined rather than an error,
/// as in Jinja2, so "message.tool_calls is defined" works on any message.
/// </summary>
internal static class Access
{
    public static JinjaValue Attribute(JinjaValue target, string name) => target switch
    {
        JinjaDict dict => dict.Get(name),
        JinjaList list when int.TryParse(name, out var i) => Index(list, new JinjaInt(i)),
        _ => JinjaValue.Undefined,
    };

    public static JinjaValue Index(JinjaValue target, JinjaValue key)
    {
        switch (target)
        {
            case JinjaDict dict:
                return key is JinjaString or JinjaInt ? dict.Get(key.AsString()) : JinjaValue.Undefined;
            case JinjaList list when key is JinjaInt i:
                var index = i.Value < 0 ? i.Value + list.Items.Count : i.Value;
                return index >= 0 && index < list.Items.Count ? list.Items[(int)index] : JinjaValue.Undefined;
            case JinjaString s when key is JinjaInt i:
                var at = i.Value < 0 ? i.Value + s.Value.Length : i.Value;
                return at >= 0 && at < s.Value.Length ? new JinjaString(s.Value[(int)at].ToString()) : JinjaValue.Undefined;
            case JinjaList or JinjaString when key is JinjaString name:
                return Attribute(target, name.Value);
            default:
                return JinjaValue.Undefined;
        }
    }

    public static JinjaValue Slice(Interpreter interpreter, JinjaValue target, long? start, long? stop, long? step)
    {
        var by = step ?? 1;
        if (by == 0)
        {
            throw new JinjaRuntimeException("slice step cannot be zero");
        }

        switch (target)
        {
            case JinjaList list:
                var items = Indices(list.Items.Count, start, stop, by).Select(i => list.Items[i]).ToList();
                interpreter.Charge(items.Count);
                return new JinjaList(items);
            case JinjaString s:
                var chars = Indices(s.Value.Length, start, stop, by).Select(i => s.Value[i]).ToArray();
                interpreter.Charge(chars.Length);
                return new JinjaString(new string(chars));
            case JinjaUndefined or JinjaNone:
                return JinjaValue.Undefined;
            default:
                throw new JinjaRuntimeException($"a {target.TypeName} cannot be sliced");
        }
    }

    // Python's slice.indices: clamp both ends, negative counts from the end, a negative step walks backwards.
    private static IEnumerable<int> Indices(int length, long? start, long? stop, long step)
    {
        long Clamp(long? value, long fallback, long low, long high)
        {
            if (value is not { } v)
            {
                return fallback;
            }

            v = v < 0 ? v + length : v;
            return Math.Clamp(v, low, high);
        }

        if (step > 0)
        {
            var from = Clamp(start, 0, 0, length);
            var to = Clamp(stop, length, 0, length);
            for (var i = from; i < to; i += step)
            {
                yield return (int)i;
            }
        }
        else
        {
            var from = Clamp(start, length - 1, -1, length - 1);
            var to = Clamp(stop, -1, -1, length - 1);
            for (var i = from; i > to; i += step)
            {
                yield return (int)i;
            }
        }
    }
}
