using System.Text.Json;

namespace EdgeRouter.Prompts.Grammar;

internal sealed partial class JsonSchemaConverter
{
    /// <summary>
    /// Properties come in declaration order (what the caller's prompt and typed client expect), required ones always,
    /// optional ones each possibly skipped. A missing additionalProperties counts as false when properties are
    /// declared: every answer still validates, and models otherwise invent keys.
    /// </summary>
    private string Object(JsonElement schema, string hint, string path)
    {
        var ws = GbnfPrimitives.Ws(_rules);
        var required = ReadRequired(schema, path);
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        if (hasProperties && properties.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaNotSupportedException("properties", path, "expected an object.");
        }

        var members = new List<(string Rule, bool Required)>();
        if (hasProperties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var value = VisitNested(property.Value, $"{hint}-{property.Name}", $"{path}/properties/{property.Name}");
                var key = GbnfText.Literal(JsonSerializerCompact(JsonString(property.Name)));
                var member = _rules.Add($"{hint}-{property.Name}-kv", $"{key} {ws} \":\" {ws} {value}");
                members.Add((member, required.Remove(property.Name)));
            }
        }

        var extra = AdditionalProperties(schema, hint, path, hasProperties);
        if (required.Count > 0 && extra is null)
        {
            throw new SchemaNotSupportedException("required", path,
                $"'{required.First()}' is required but not declared in properties, and additionalProperties is false.");
        }
        if (required.Count > 0)
        {
            throw new SchemaNotSupportedException("required", path,
                $"'{required.First()}' is required but not declared in properties; declare it.");
        }

        var body = Members(members, extra, hint);
        return _rules.Add(hint, body.Length == 0 ? $"\"{{\" {ws} \"}}\"" : $"\"{{\" {ws} {body} {ws} \"}}\"");
    }

    /// <summary>
    /// The member list between the braces, as two rule chains linear in the number of properties:
    /// tail(i) is what may follow once something was written (each member prefixed by a comma), head(i) what may
    /// come when nothing was written yet (the first member written has no comma).
    /// </summary>
    private string Members(List<(string Rule, bool Required)> members, string? extra, string hint)
    {
        var ws = GbnfPrimitives.Ws(_rules);
        var comma = $"{ws} \",\" {ws}";
        var tail = extra is null ? string.Empty : $"( {comma} {extra} )*";
        var head = extra is null ? string.Empty : $"( {extra} ( {comma} {extra} )* )?";
        for (var i = members.Count - 1; i >= 0; i--)
        {
            var (rule, isRequired) = members[i];
            var first = $"{rule} {tail}".TrimEnd();
            var newHead = isRequired ? first : head.Length == 0 ? $"( {first} )?" : $"{first} | {head}";
            var step = isRequired ? $"{comma} {rule}" : $"( {comma} {rule} )?";
            tail = _rules.Add($"{hint}-tail-{i}", $"{step} {tail}".TrimEnd());
            head = _rules.Add($"{hint}-head-{i}", newHead);
        }
        return head;
    }

    /// <summary>The rule for one extra "key": value pair, or null when no extra keys are allowed.</summary>
    private string? AdditionalProperties(JsonElement schema, string hint, string path, bool hasProperties)
    {
        if (!schema.TryGetProperty("additionalProperties", out var additional))
        {
            additional = hasProperties ? FalseElement : TrueElement;
        }
        if (additional.ValueKind == JsonValueKind.False)
        {
            return null;
        }
        var value = additional.ValueKind == JsonValueKind.True
            ? GbnfPrimitives.Value(_rules)
            : VisitNested(additional, $"{hint}-additional", $"{path}/additionalProperties");
        var ws = GbnfPrimitives.Ws(_rules);
        return _rules.Add($"{hint}-additional-kv", $"{GbnfPrimitives.String(_rules)} {ws} \":\" {ws} {value}");
    }

    private static HashSet<string> ReadRequired(JsonElement schema, string path)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (!schema.TryGetProperty("required", out var list))
        {
            return required;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new SchemaNotSupportedException("required", path, "expected an array of property names.");
        }
        foreach (var name in list.EnumerateArray())
        {
            if (name.ValueKind != JsonValueKind.String)
            {
                throw new SchemaNotSupportedException("required", path, "expected an array of property names.");
            }
            required.Add(name.GetString()!);
        }
        return required;
    }

    private string Array(JsonElement schema, string hint, string path)
    {
        var min = Count(schema, "minItems", path) ?? 0;
        var max = Count(schema, "maxItems", path);
        if (max < min)
        {
            throw new SchemaNotSupportedException("maxItems", path, "maxItems is below minItems.");
        }
        string item;
        if (!schema.TryGetProperty("items", out var items))
        {
            item = GbnfPrimitives.Value(_rules);
        }
        else if (items.ValueKind is JsonValueKind.Object or JsonValueKind.True)
        {
            item = VisitNested(items, $"{hint}-item", $"{path}/items");
        }
        else
        {
            throw new SchemaNotSupportedException("items", path, "items must be one schema (tuple forms are not supported).");
        }

        var ws = GbnfPrimitives.Ws(_rules);
        if (max == 0)
        {
            return _rules.Add(hint, $"\"[\" {ws} \"]\"");
        }
        var more = GbnfText.Repeat($"( {ws} \",\" {ws} {item} )", Math.Max(min - 1, 0), max - 1);
        var list = max == 1 ? item : $"{item} {more}";
        var inner = min == 0 ? $"( {list} )?" : list;
        return _rules.Add(hint, $"\"[\" {ws} {inner} {ws} \"]\"");
    }

    private string Ref(JsonElement reference, string path)
    {
        if (reference.ValueKind != JsonValueKind.String)
        {
            throw new SchemaNotSupportedException("$ref", path, "expected a string.");
        }
        var target = reference.GetString()!;
        if (_unguarded.Contains(target))
        {
            throw new SchemaNotSupportedException("$ref", path,
                $"'{target}' refers back to itself before any value starts (through $ref, anyOf or oneOf), so no grammar can express it.");
        }
        if (_refs.TryGetValue(target, out var known))
        {
            return known;
        }
        var resolved = Resolve(target, path);
        var name = _rules.Reserve("ref-" + target.Split('/')[^1]);
        _refs[target] = name;
        _unguarded.Add(target);
        try
        {
            _rules.Set(name, Visit(resolved, name + "-v", target));
        }
        finally
        {
            _unguarded.Remove(target);
        }
        return name;
    }

    /// <summary>A local JSON pointer ("#", "#/$defs/x", "#/definitions/x", "#/properties/a/items").</summary>
    private JsonElement Resolve(string target, string path)
    {
        if (!target.StartsWith('#'))
        {
            throw new SchemaNotSupportedException("$ref", path, $"only local references (#/...) are supported, not '{target}'.");
        }
        var node = _root;
        foreach (var raw in target[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segment, out var next))
            {
                node = next;
            }
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < node.GetArrayLength())
            {
                node = node[index];
            }
            else
            {
                throw new SchemaNotSupportedException("$ref", path, $"'{target}' does not resolve inside the schema.");
            }
        }
        return node;
    }

    private static readonly JsonElement TrueElement = JsonDocument.Parse("true").RootElement.Clone();
    private static readonly JsonElement FalseElement = JsonDocument.Parse("false").RootElement.Clone();

    private static JsonElement JsonString(string text)
    {
        var quoted = System.Text.Json.JsonSerializer.Serialize(text, GrammarJsonContext.Default.String);
        return JsonDocument.Parse(quoted).RootElement.Clone();
    }
}
