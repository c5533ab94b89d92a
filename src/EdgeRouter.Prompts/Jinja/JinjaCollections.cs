namespace EdgeRouter.Prompts.Jinja;

/// <summary>A list (Python list or tuple; the difference does not matter to chat templates).</summary>
public sealed class JinjaList(List<JinjaValue> items) : JinjaValue
{
    public JinjaList()
        : this([])
    {
    }

    public List<JinjaValue> Items { get; } = items;
    public override string TypeName => "list";
    public override bool IsTruthy => Items.Count > 0;
    public override string AsString() => PythonText.Repr(this, RenderBudget.Default.MaxNesting);
}

/// <summary>A dict with string keys in insertion order (JSON objects keep their order through tojson).</summary>
public sealed class JinjaDict(OrderedDictionary<string, JinjaValue> items, bool isNamespace = false) : JinjaValue
{
    public JinjaDict()
        : this(new OrderedDictionary<string, JinjaValue>(StringComparer.Ordinal))
    {
    }

    public OrderedDictionary<string, JinjaValue> Items { get; } = items;

    /// <summary>A namespace() object: the one kind of value "set ns.attr = ..." may change.</summary>
    public bool IsNamespace { get; } = isNamespace;

    public override string TypeName => IsNamespace ? "namespace" : "dict";
    public override bool IsTruthy => Items.Count > 0;
    public override string AsString() => PythonText.Repr(this, RenderBudget.Default.MaxNesting);

    public JinjaValue Get(string key) => Items.TryGetValue(key, out var value) ? value : JinjaValue.Undefined;
}

/// <summary>Arguments of a call after evaluation.</summary>
public sealed record CallArguments(IReadOnlyList<JinjaValue> Positional, IReadOnlyList<KeyValuePair<string, JinjaValue>> Named)
{
    public static CallArguments Empty { get; } = new([], []);

    /// <summary>The argument at <paramref name="index"/> or named <paramref name="name"/>, else undefined.</summary>
    public JinjaValue Get(int index, string name)
    {
        if (index < Positional.Count)
        {
            return Positional[index];
        }

        foreach (var (key, value) in Named)
        {
            if (key == name)
            {
                return value;
            }
        }

        return JinjaValue.Undefined;
    }
}

/// <summary>A macro, a global function (range, namespace, raise_exception, strftime_now) or a bound method.</summary>
public sealed class JinjaCallable(string name, Func<CallArguments, JinjaValue> invoke) : JinjaValue
{
    public string Name { get; } = name;
    public override string TypeName => "callable";
    public override string AsString() => $"<function {Name}>";

    public JinjaValue Invoke(CallArguments arguments) => invoke(arguments);
}
