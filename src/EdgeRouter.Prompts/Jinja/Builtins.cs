namespace EdgeRouter.Prompts.Jinja;

/// <summary>Global functions every template sees: range, namespace, dict, raise_exception.</summary>
internal static class Builtins
{
    public static void AddTo(Scope globals, Interpreter interpreter)
    {
        globals.Set("range", new JinjaCallable("range", args => Range(interpreter, args)));
        globals.Set("namespace", new JinjaCallable("namespace", args => FromNamed(args, isNamespace: true)));
        globals.Set("dict", new JinjaCallable("dict", args => FromNamed(args, isNamespace: false)));
        globals.Set("raise_exception", new JinjaCallable("raise_exception", args =>
            throw new JinjaRaisedException(args.Get(0, "message").AsString())));
    }

    private static JinjaList Range(Interpreter interpreter, CallArguments args)
    {
        var values = args.Positional.Select(Values.ToLong).ToArray();
        var (start, stop, step) = values.Length switch
        {
            1 => (0L, values[0], 1L),
            2 => (values[0], values[1], 1L),
            3 => (values[0], values[1], values[2]),
            _ => throw new JinjaRuntimeException("range takes 1 to 3 integers"),
        };

        if (step == 0)
        {
            throw new JinjaRuntimeException("range step cannot be zero");
        }

        var count = step > 0 ? Math.Max(0, (stop - start + step - 1) / step) : Math.Max(0, (start - stop - step - 1) / -step);
        interpreter.Charge(count);
        var items = new List<JinjaValue>((int)count);
        for (var i = 0L; i < count; i++)
        {
            items.Add(new JinjaInt(start + (i * step)));
        }

        return new JinjaList(items);
    }

    // namespace(a=1) and dict(a=1); a dict argument is copied first, as in Python.
    private static JinjaDict FromNamed(CallArguments args, bool isNamespace)
    {
        var items = new OrderedDictionary<string, JinjaValue>(StringComparer.Ordinal);
        if (args.Positional.Count > 0 && args.Positional[0] is JinjaDict source)
        {
            foreach (var (key, value) in source.Items)
            {
                items[key] = value;
            }
        }

        foreach (var (key, value) in args.Named)
        {
            items[key] = value;
        }

        return new JinjaDict(items, isNamespace);
    }
}
