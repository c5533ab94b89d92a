namespace EdgeRouter.Prompts.Jinja;

/// <summary>{% for %}: iteration, the loop filter, tuple unpacking and the loop variable.</summary>
internal sealed partial class Interpreter
{
    private void ExecuteFor(ForNode loop, Scope scope)
    {
        var frame = new Scope(scope);
        var source = Iterate(Evaluate(loop.Iterable, scope), loop.Line);
        var items = source;
        if (loop.Filter is { } filter)
        {
            items = [];
            foreach (var item in source)
            {
                Step();
                Bind(loop, frame, item);
                if (Evaluate(filter, frame).IsTruthy)
                {
                    items.Add(item);
                }
            }
        }

        if (items.Count == 0)
        {
            if (loop.Else is { } otherwise)
            {
                Execute(otherwise, scope);
            }

            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            Step();
            Bind(loop, frame, items[i]);
            frame.Set("loop", LoopVariable(items, i));
            if (Execute(loop.Body, frame) == Flow.Break)
            {
                break;
            }
        }
    }

    private static void Bind(ForNode loop, Scope frame, JinjaValue item)
    {
        if (loop.Targets.Count == 1)
        {
            frame.Set(loop.Targets[0], item);
            return;
        }

        var parts = Unpack(item, loop.Targets.Count, loop.Line);
        for (var t = 0; t < parts.Count; t++)
        {
            frame.Set(loop.Targets[t], parts[t]);
        }
    }

    private static JinjaDict LoopVariable(List<JinjaValue> items, int i)
    {
        var n = items.Count;
        var loop = new JinjaDict();
        loop.Items["index"] = new JinjaInt(i + 1);
        loop.Items["index0"] = new JinjaInt(i);
        loop.Items["revindex"] = new JinjaInt(n - i);
        loop.Items["revindex0"] = new JinjaInt(n - i - 1);
        loop.Items["first"] = JinjaValue.From(i == 0);
        loop.Items["last"] = JinjaValue.From(i == n - 1);
        loop.Items["length"] = new JinjaInt(n);
        loop.Items["depth"] = new JinjaInt(1);
        loop.Items["depth0"] = new JinjaInt(0);
        loop.Items["previtem"] = i > 0 ? items[i - 1] : JinjaValue.Undefined;
        loop.Items["nextitem"] = i < n - 1 ? items[i + 1] : JinjaValue.Undefined;
        loop.Items["cycle"] = new JinjaCallable("cycle", arguments =>
            arguments.Positional.Count == 0 ? JinjaValue.Undefined : arguments.Positional[i % arguments.Positional.Count]);
        return loop;
    }

    /// <summary>The items a for loop or a filter walks: list items, dict keys, string characters.</summary>
    public List<JinjaValue> Iterate(JinjaValue value, int line)
    {
        switch (value)
        {
            case JinjaList list:
                return [.. list.Items];
            case JinjaDict dict:
                var keys = new List<JinjaValue>(dict.Items.Count);
                foreach (var key in dict.Items.Keys)
                {
                    keys.Add(new JinjaString(key));
                }

                return keys;
            case JinjaString s:
                Charge(s.Value.Length);
                var chars = new List<JinjaValue>(s.Value.Length);
                foreach (var c in s.Value)
                {
                    chars.Add(new JinjaString(c.ToString()));
                }

                return chars;
            case JinjaUndefined or JinjaNone:
                return [];
            default:
                throw new JinjaRuntimeException($"line {line}: a {value.TypeName} is not iterable");
        }
    }
}
