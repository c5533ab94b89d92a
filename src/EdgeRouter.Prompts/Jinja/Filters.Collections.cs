namespace EdgeRouter.Prompts.Jinja;

/// <summary>Filters over lists and dicts: join, map, select/reject(attr), sort, first/last, ...</summary>
internal static partial class Filters
{
    private static JinjaValue ApplyCollectionFilter(Interpreter interpreter, string name, JinjaValue value, CallArguments args, int line)
    {
        var items = interpreter.Iterate(value, line);
        interpreter.Step(items.Count);
        switch (name)
        {
            case "join":
                var parts = items.Select(i => Attribute(i, args.Get(1, "attribute")).AsString()).ToList();
                var separator = args.Get(0, "d").AsString();
                interpreter.Charge(parts.Sum(p => (long)p.Length) + ((long)separator.Length * parts.Count));
                return new JinjaString(string.Join(separator, parts));
            case "first":
                return items.Count > 0 ? items[0] : JinjaValue.Undefined;
            case "last":
                return items.Count > 0 ? items[^1] : JinjaValue.Undefined;
            case "list":
                return new JinjaList(items);
            case "reverse":
                return value is JinjaString s ? new JinjaString(new string(s.Value.Reverse().ToArray())) : new JinjaList(Enumerable.Reverse(items).ToList());
            case "unique":
                var unique = new List<JinjaValue>();
                foreach (var item in items)
                {
                    if (!unique.Any(u => Values.AreEqual(u, item, interpreter.Budget.MaxNesting)))
                    {
                        unique.Add(item);
                    }
                }

                return new JinjaList(unique);
            case "sort":
                var attribute = args.Get(2, "attribute");
                var sorted = items.OrderBy(i => Attribute(i, attribute), Comparer<JinjaValue>.Create((a, b) => Values.Compare(a, b, line))).ToList();
                if (args.Get(0, "reverse").IsTruthy)
                {
                    sorted.Reverse();
                }

                return new JinjaList(sorted);
            case "dictsort":
                return new JinjaList(Items(value as JinjaDict ?? throw Wrong(name, value, line)).Items
                    .OrderBy(kv => ((JinjaList)kv).Items[0].AsString(), StringComparer.Ordinal).ToList());
            case "sum":
                return items.Aggregate(args.Get(1, "start") is JinjaUndefined ? new JinjaInt(0) : args.Get(1, "start"),
                    (sum, item) => Operators.Binary(interpreter, "+", sum, Attribute(item, args.Get(0, "attribute")), line));
            case "min" or "max":
                if (items.Count == 0)
                {
                    return JinjaValue.Undefined;
                }

                var ordered = items.Order(Comparer<JinjaValue>.Create((a, b) => Values.Compare(a, b, line)));
                return name == "min" ? ordered.First() : ordered.Last();
            case "map":
                return new JinjaList(items.Select(i => Map(interpreter, i, args, line)).ToList());
            case "select" or "reject":
                return new JinjaList(items.Where(i => Select(i, args, 0, line) == (name == "select")).ToList());
            case "selectattr" or "rejectattr":
                var key = args.Get(0, "attribute");
                return new JinjaList(items.Where(i => Select(Attribute(i, key), args, 1, line) == (name == "selectattr")).ToList());
            default:
                throw new JinjaRuntimeException($"line {line}: unknown filter '{name}'");
        }
    }

    // attribute="a.b" walks nested keys, as Jinja's make_attrgetter does.
    private static JinjaValue Attribute(JinjaValue item, JinjaValue attribute)
    {
        if (attribute is JinjaUndefined or JinjaNone)
        {
            return item;
        }

        foreach (var part in attribute.AsString().Split('.'))
        {
            item = Access.Index(item, int.TryParse(part, out var i) ? new JinjaInt(i) : new JinjaString(part));
        }

        return item;
    }

    private static JinjaValue Map(Interpreter interpreter, JinjaValue item, CallArguments args, int line)
    {
        if (args.Get(99, "attribute") is not JinjaUndefined and var attribute)
        {
            var found = Attribute(item, attribute);
            return found is JinjaUndefined ? args.Get(99, "default") : found;
        }

        var filter = args.Positional.Count > 0 ? args.Positional[0].AsString() : throw new JinjaRuntimeException($"line {line}: map needs a filter name or attribute=");
        return Apply(interpreter, filter, item, new CallArguments([.. args.Positional.Skip(1)], []), line);
    }

    // select('test', args...) / selectattr('attr', 'test', args...); no test means truthiness.
    private static bool Select(JinjaValue value, CallArguments args, int testIndex, int line)
    {
        if (args.Positional.Count <= testIndex)
        {
            return value.IsTruthy;
        }

        var test = args.Positional[testIndex].AsString();
        var testArgs = new CallArguments([.. args.Positional.Skip(testIndex + 1)], []);
        return TestFunctions.Apply(test, value, testArgs, line);
    }
}
