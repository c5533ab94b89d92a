namespace EdgeRouter.Prompts.Grammar;

/// <summary>
/// The JSON building blocks, added to a rule set on first use. Repetitions are bounded (16 digits, 20 spaces) for the
/// same reason llama.cpp's converter bounds them: a weak or random model otherwise loops inside one number forever.
/// </summary>
internal static class GbnfPrimitives
{
    /// <summary>Optional whitespace: nothing, one space, or a line break with indentation (pretty-printed JSON).</summary>
    public static string Ws(GbnfRuleSet rules) => Define(rules, "ws", "| \" \" | \"\\n\" [ \\t]{0,20}");

    public static string Char(GbnfRuleSet rules) =>
        Define(rules, "char", "[^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})");

    public static string String(GbnfRuleSet rules) => Define(rules, "string", $"\"\\\"\" {Char(rules)}* \"\\\"\"");

    public static string IntegralPart(GbnfRuleSet rules) => Define(rules, "integral-part", "\"0\" | [1-9] [0-9]{0,15}");

    public static string Number(GbnfRuleSet rules)
    {
        var integral = IntegralPart(rules);
        return Define(rules, "number", $"\"-\"? {integral} (\".\" [0-9]{{1,16}})? ([eE] [-+]? [0-9]{{1,4}})?");
    }

    public static string Integer(GbnfRuleSet rules) => Define(rules, "integer", $"\"-\"? {IntegralPart(rules)}");

    public static string Boolean(GbnfRuleSet rules) => Define(rules, "boolean", "\"true\" | \"false\"");

    public static string Null(GbnfRuleSet rules) => Define(rules, "null", "\"null\"");

    /// <summary>Any JSON value (an unconstrained schema, additionalProperties: true, items: {}).</summary>
    public static string Value(GbnfRuleSet rules)
    {
        if (rules.Contains("value"))
        {
            return "value";
        }
        rules.Reserve("value");
        var ws = Ws(rules);
        var str = String(rules);
        rules.Set("object", $"\"{{\" {ws} ( {str} {ws} \":\" {ws} value ( {ws} \",\" {ws} {str} {ws} \":\" {ws} value )* )? {ws} \"}}\"");
        rules.Set("array", $"\"[\" {ws} ( value ( {ws} \",\" {ws} value )* )? {ws} \"]\"");
        rules.Set("value", $"object | array | {str} | {Number(rules)} | {Boolean(rules)} | {Null(rules)}");
        return "value";
    }

    /// <summary>Any JSON object: the json_object response format.</summary>
    public static string Object(GbnfRuleSet rules)
    {
        Value(rules);
        return "object";
    }

    // Formats: what OpenAI's structured outputs and typed clients (Zod's .date(), .datetime(), .uuid()) send.
    public static string Date(GbnfRuleSet rules) =>
        Define(rules, "date", "[0-9]{4} \"-\" ( \"0\" [1-9] | \"1\" [0-2] ) \"-\" ( \"0\" [1-9] | [1-2] [0-9] | \"3\" [0-1] )");

    public static string Time(GbnfRuleSet rules) =>
        Define(rules, "time",
            "( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] \":\" [0-5] [0-9] ( \".\" [0-9]{1,6} )? "
            + "( \"Z\" | [+-] ( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] )");

    public static string DateTime(GbnfRuleSet rules) => Define(rules, "date-time", $"{Date(rules)} \"T\" {Time(rules)}");

    public static string Uuid(GbnfRuleSet rules) =>
        Define(rules, "uuid", "[0-9a-fA-F]{8} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{12}");

    private static string Define(GbnfRuleSet rules, string name, string body)
    {
        if (!rules.Contains(name))
        {
            rules.Set(name, body);
        }
        return name;
    }
}
