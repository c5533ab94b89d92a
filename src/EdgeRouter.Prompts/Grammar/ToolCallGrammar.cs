using System.Text.Json;

namespace EdgeRouter.Prompts.Grammar;

/// <summary>
/// The grammar for "a call to one of these tools": <c>prefix {"name": "&lt;tool&gt;", "arguments": {...}} suffix</c>,
/// the arguments valid against that tool's parameters schema. Tool calling uses it for tool_choice "required" or a
/// named function, and lazily (triggered at the prefix) for "auto".
/// </summary>
public static class ToolCallGrammar
{
    /// <param name="tools">Each tool's name and its "parameters" JSON schema (an empty object or undefined kind = any object).</param>
    /// <param name="prefix">Literal text before the call, e.g. "&lt;tool_call&gt;\n" (may be empty).</param>
    /// <param name="suffix">Literal text after the call, e.g. "\n&lt;/tool_call&gt;" (may be empty).</param>
    /// <param name="argumentsKey">"arguments" (Hermes/Qwen, Mistral) or "parameters" (Llama 3.x JSON calls).</param>
    /// <exception cref="SchemaNotSupportedException">A parameters schema outside the supported subset; its path names the tool.</exception>
    public static string Build(IReadOnlyList<(string Name, JsonElement Parameters)> tools, string prefix, string suffix, string argumentsKey = "arguments")
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count == 0)
        {
            throw new ArgumentException("At least one tool is needed.", nameof(tools));
        }
        var rules = new GbnfRuleSet();
        rules.Reserve(JsonSchemaGrammar.Root);
        var ws = GbnfPrimitives.Ws(rules);
        var calls = new List<string>();
        for (var i = 0; i < tools.Count; i++)
        {
            var (name, parameters) = tools[i];
            var argsRule = $"tool-{i}-args";
            if (parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                || (parameters.ValueKind == JsonValueKind.Object && !parameters.EnumerateObject().Any()))
            {
                rules.Set(argsRule, GbnfPrimitives.Object(rules));
            }
            else
            {
                try
                {
                    new JsonSchemaConverter(parameters, rules).ConvertInto(argsRule);
                }
                catch (SchemaNotSupportedException e)
                {
                    throw new SchemaNotSupportedException(e.Keyword, $"tools[{i}].parameters{e.Path.TrimStart('#')}", e.Message);
                }
            }
            var nameLiteral = GbnfText.Literal(JsonSerializer.Serialize(name, GrammarJsonContext.Default.String));
            var argsKey = GbnfText.Literal(JsonSerializer.Serialize(argumentsKey, GrammarJsonContext.Default.String));
            calls.Add(rules.Add($"tool-{i}-call",
                $"\"{{\" {ws} \"\\\"name\\\"\" {ws} \":\" {ws} {nameLiteral} {ws} \",\" {ws} {argsKey} {ws} \":\" {ws} {argsRule} {ws} \"}}\""));
        }
        var call = rules.Add("tool-call", string.Join(" | ", calls));
        var parts = new List<string>();
        if (prefix.Length > 0)
        {
            parts.Add(GbnfText.Literal(prefix));
        }
        parts.Add(call);
        if (suffix.Length > 0)
        {
            parts.Add(GbnfText.Literal(suffix));
        }
        rules.Set(JsonSchemaGrammar.Root, string.Join(" ", parts));
        return rules.Render();
    }
}
