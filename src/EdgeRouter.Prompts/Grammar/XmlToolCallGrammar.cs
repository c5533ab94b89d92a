using System.Text.Json;
using EdgeRouter.Prompts.ToolCalls;

namespace EdgeRouter.Prompts.Grammar;

/// <summary>
/// The forced-call grammar for Qwen3-Coder's XML calls:
/// <c>prefix &lt;function=NAME&gt;\n (&lt;parameter=ARG&gt;\nVALUE\n&lt;/parameter&gt;\n)* &lt;/function&gt; suffix</c>. Parameters come in
/// the schema's order, required ones always, optional ones may be left out. A text parameter is bare text (its enum
/// or length bounds kept); any other type is the JSON value its schema allows, as <see cref="JsonSchemaConverter"/> writes it.
/// </summary>
public static class XmlToolCallGrammar
{
    /// <exception cref="SchemaNotSupportedException">A parameter schema outside the supported subset; its path names the tool.</exception>
    public static string Build(IReadOnlyList<(string Name, JsonElement Parameters)> tools, string prefix, string suffix)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count == 0)
        {
            throw new ArgumentException("At least one tool is needed.", nameof(tools));
        }
        var rules = new GbnfRuleSet();
        rules.Reserve(JsonSchemaGrammar.Root);
        // Text may hold "<" (this is a coding model), just not the start of a closing tag.
        var text = rules.Add("xml-char", "[^<] | \"<\" [^/]");
        var calls = new List<string>();
        for (var i = 0; i < tools.Count; i++)
        {
            var (name, parameters) = tools[i];
            var body = new List<string> { GbnfText.Literal($"<function={name}>\n") };
            try
            {
                body.AddRange(Parameters(parameters, rules, text, i));
            }
            catch (SchemaNotSupportedException e)
            {
                throw new SchemaNotSupportedException(e.Keyword, $"tools[{i}].parameters{e.Path.TrimStart('#')}", e.Message);
            }
            body.Add(GbnfText.Literal("</function>"));
            calls.Add(rules.Add($"tool-{i}-call", string.Join(" ", body)));
        }
        var parts = new List<string>();
        if (prefix.Length > 0)
        {
            parts.Add(GbnfText.Literal(prefix));
        }
        parts.Add(rules.Add("tool-call", string.Join(" | ", calls)));
        if (suffix.Length > 0)
        {
            parts.Add(GbnfText.Literal(suffix));
        }
        rules.Set(JsonSchemaGrammar.Root, string.Join(" ", parts));
        return rules.Render();
    }

    private static IEnumerable<string> Parameters(JsonElement parameters, GbnfRuleSet rules, string text, int tool)
    {
        if (parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        var required = parameters.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var converter = new JsonSchemaConverter(parameters, rules);
        foreach (var property in properties.EnumerateObject())
        {
            var path = $"#/properties/{property.Name}";
            var value = XmlParameterTypes.IsText(property.Value)
                ? TextValue(property.Value, text, path)
                : converter.Visit(property.Value, $"tool-{tool}-{property.Name}", path);
            var parameter = $"{GbnfText.Literal($"<parameter={property.Name}>\n")} {value} {GbnfText.Literal("\n</parameter>\n")}";
            yield return required.Contains(property.Name) ? parameter : $"( {parameter} )?";
        }
    }

    /// <summary>Bare text: an enum's or const's strings exactly, else characters within the length bounds.</summary>
    private static string TextValue(JsonElement schema, string text, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return $"( {text} )*";
        }
        SchemaKeywords.RequireSupported(schema, path);
        if (SchemaKeywords.OtherConstraint(schema, "type", "enum", "const", "minLength", "maxLength") is { } keyword)
        {
            throw new SchemaNotSupportedException(keyword, path, $"'{keyword}' is not supported on a bare-text parameter of an XML tool call.");
        }
        if (schema.TryGetProperty("const", out var constant) && constant.ValueKind == JsonValueKind.String)
        {
            return GbnfText.Literal(constant.GetString()!);
        }
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            && values.GetArrayLength() > 0 && values.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            return "( " + string.Join(" | ", values.EnumerateArray().Select(v => GbnfText.Literal(v.GetString()!))) + " )";
        }
        var min = schema.TryGetProperty("minLength", out var low) && low.TryGetInt32(out var l) ? Math.Max(l, 0) : 0;
        int? max = schema.TryGetProperty("maxLength", out var high) && high.TryGetInt32(out var h) ? Math.Max(h, min) : null;
        return GbnfText.Repeat($"( {text} )", min, max);
    }
}
