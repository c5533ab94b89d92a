namespace EdgeRouter.Prompts.Jinja;

/// <summary>Jinja tests (value is name(args)), also used by select/reject.</summary>
internal static class TestFunctions
{
    public static bool Apply(string name, JinjaValue value, CallArguments args, int line)
    {
        var other = args.Get(0, "value");
        return name switch
        {
            "defined" => value is not JinjaUndefined,
            "undefined" => value is JinjaUndefined,
            "none" => value is JinjaNone,
            "string" => value is JinjaString,
            "number" => value is JinjaInt or JinjaFloat,
            "integer" => value is JinjaInt,
            "float" => value is JinjaFloat,
            "boolean" => value is JinjaBool,
            "true" => value is JinjaBool { Value: true },
            "false" => value is JinjaBool { Value: false },
            "mapping" => value is JinjaDict,
            "iterable" => value is JinjaList or JinjaDict or JinjaString,
            "sequence" => value is JinjaList or JinjaDict or JinjaString,
            "callable" => value is JinjaCallable,
            "even" => Values.ToLong(value) % 2 == 0,
            "odd" => Values.ToLong(value) % 2 != 0,
            "divisibleby" => Values.ToLong(other) != 0 && Values.ToLong(value) % Values.ToLong(other) == 0,
            "equalto" or "eq" or "==" or "sameas" => Values.AreEqual(value, other, RenderBudget.Default.MaxNesting),
            "ne" or "!=" => !Values.AreEqual(value, other, RenderBudget.Default.MaxNesting),
            "lt" or "lessthan" or "<" => Values.Compare(value, other, line) < 0,
            "le" or "<=" => Values.Compare(value, other, line) <= 0,
            "gt" or "greaterthan" or ">" => Values.Compare(value, other, line) > 0,
            "ge" or ">=" => Values.Compare(value, other, line) >= 0,
            "in" => Values.Contains(other, value, RenderBudget.Default.MaxNesting, line),
            "lower" => value is JinjaString s && s.Value == s.Value.ToLowerInvariant(),
            "upper" => value is JinjaString u && u.Value == u.Value.ToUpperInvariant(),
            _ => throw new JinjaRuntimeException($"line {line}: unknown test '{name}'"),
        };
    }
}
