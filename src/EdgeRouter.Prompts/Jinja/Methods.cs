namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// The Python methods chat templates call on values: str.strip/split/startswith/..., dict.items/get/keys,
/// list.append. Templates are written for Python, so these are part of the language in practice.
/// </summary>
internal static class Methods
{
    public static bool TryCall(Interpreter interpreter, JinjaValue target, string name, CallArguments args, out JinjaValue result)
    {
        var value = target switch
        {
            JinjaString s => StringMethods.Call(interpreter, s.Value, name, args),
            JinjaDict dict => DictMethod(dict, name, args),
            JinjaList list => ListMethod(interpreter, list, name, args),
            _ => null,
        };
        result = value ?? JinjaValue.Undefined;
        return value is not null;
    }

    private static JinjaValue? DictMethod(JinjaDict dict, string name, CallArguments args) => name switch
    {
        "items" => Filters.Items(dict),
        "keys" => new JinjaList(dict.Items.Keys.Select(k => (JinjaValue)new JinjaString(k)).ToList()),
        "values" => new JinjaList([.. dict.Items.Values]),
        "get" => dict.Items.TryGetValue(args.Get(0, "key").AsString(), out var value) ? value : DefaultOf(args),
        _ => null,
    };

    private static JinjaValue DefaultOf(CallArguments args) => args.Positional.Count > 1 ? args.Positional[1] : JinjaValue.None;

    private static JinjaValue? ListMethod(Interpreter interpreter, JinjaList list, string name, CallArguments args)
    {
        switch (name)
        {
            case "append":
                interpreter.Charge(list.Items.Count + 1);
                list.Items.Add(args.Get(0, "item"));
                return JinjaValue.None;
            case "pop":
                if (list.Items.Count == 0)
                {
                    throw new JinjaRuntimeException("pop from an empty list");
                }

                var at = args.Positional.Count > 0 ? (int)Values.ToLong(args.Positional[0]) : list.Items.Count - 1;
                at = at < 0 ? at + list.Items.Count : at;
                if (at < 0 || at >= list.Items.Count)
                {
                    throw new JinjaRuntimeException("pop index out of range");
                }

                var item = list.Items[at];
                list.Items.RemoveAt(at);
                return item;
            case "index":
                var found = list.Items.FindIndex(x => Values.AreEqual(x, args.Get(0, "value"), interpreter.Budget.MaxNesting));
                return found >= 0 ? new JinjaInt(found) : throw new JinjaRuntimeException("value is not in the list");
            case "count":
                return new JinjaInt(list.Items.Count(x => Values.AreEqual(x, args.Get(0, "value"), interpreter.Budget.MaxNesting)));
            default:
                return null;
        }
    }
}
