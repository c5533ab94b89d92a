using System.Text.Json;

namespace EdgeRouter.Prompts.Grammar;

/// <summary>
/// Walks one JSON schema and writes a rule per sub-schema. Every keyword either becomes grammar or, when the
/// grammar cannot express it, a <see cref="SchemaNotSupportedException"/>: the caller gets a 400 rather than JSON
/// that fails their own validation.
/// </summary>
internal sealed partial class JsonSchemaConverter
{
    /// <summary>Deeper nesting than this is hostile, not a real response format.</summary>
    public const int MaxDepth = 48;

    /// <summary>llama.cpp's grammar parser refuses repetition counts above 2000; stay well inside.</summary>
    public const int MaxRepeat = 1000;

    private readonly JsonElement _root;
    private readonly GbnfRuleSet _rules;
    private readonly Dictionary<string, string> _refs = new(StringComparer.Ordinal);

    /// <summary>
    /// References being expanded since the last character the grammar must emit ("{", "["): meeting one of them again
    /// is left recursion, which llama.cpp's grammar parser rejects (<c>{"$ref": "#"}</c>, an anyOf that refers to itself).
    /// </summary>
    private HashSet<string> _unguarded = new(StringComparer.Ordinal);
    private int _depth;

    public JsonSchemaConverter(JsonElement root, GbnfRuleSet rules)
    {
        _root = root;
        _rules = rules;
    }

    /// <summary>Converts the whole schema into the rule named <paramref name="ruleName"/> (reserved before the walk, so "#" can recurse).</summary>
    public void ConvertInto(string ruleName)
    {
        _refs["#"] = ruleName;
        _rules.Reserve(ruleName);
        _unguarded.Add("#");
        _rules.Set(ruleName, Visit(_root, ruleName + "-v", "#"));
    }

    /// <summary>Visits a schema nested inside an object or array, after its opening character: recursion from here is fine.</summary>
    private string VisitNested(JsonElement schema, string hint, string path)
    {
        var outer = _unguarded;
        _unguarded = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            return Visit(schema, hint, path);
        }
        finally
        {
            _unguarded = outer;
        }
    }

    /// <summary>A rule name matching exactly the JSON values <paramref name="schema"/> accepts.</summary>
    public string Visit(JsonElement schema, string hint, string path)
    {
        if (++_depth > MaxDepth)
        {
            throw new SchemaNotSupportedException("properties", path, $"the schema nests deeper than {MaxDepth} levels.");
        }
        try
        {
            return VisitCore(schema, hint, path);
        }
        finally
        {
            _depth--;
        }
    }

    private string VisitCore(JsonElement schema, string hint, string path)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return GbnfPrimitives.Value(_rules);
            case JsonValueKind.False:
                throw new SchemaNotSupportedException("false", path, "a schema that accepts nothing leaves the model nothing to emit.");
            case JsonValueKind.Object:
                break;
            default:
                throw new SchemaNotSupportedException("type", path, "a schema must be an object or a boolean.");
        }

        SchemaKeywords.RequireSupported(schema, path);
        if (schema.TryGetProperty("$ref", out var reference))
        {
            RequireAlone(schema, path, "$ref");
            return Ref(reference, path);
        }
        if (schema.TryGetProperty("const", out var constant))
        {
            RequireAlone(schema, path, "const", "type");
            return _rules.Add(hint, Literal(constant));
        }
        if (schema.TryGetProperty("enum", out var values))
        {
            RequireAlone(schema, path, "enum", "type");
            return Enum(values, hint, path);
        }
        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            RequireAlone(schema, path, "anyOf");
            return Alternatives(anyOf, "anyOf", hint, path);
        }
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            // Exclusivity is not enforced: the answer matches at least one branch. Schemas from typed clients use
            // oneOf for discriminated unions, whose branches cannot overlap anyway.
            RequireAlone(schema, path, "oneOf");
            return Alternatives(oneOf, "oneOf", hint, path);
        }

        if (!schema.TryGetProperty("type", out var type))
        {
            return Typed(schema, InferType(schema), hint, path);
        }
        if (type.ValueKind == JsonValueKind.String)
        {
            return Typed(schema, type.GetString()!, hint, path);
        }
        if (type.ValueKind == JsonValueKind.Array && type.GetArrayLength() > 0)
        {
            var names = new List<string>();
            var i = 0;
            foreach (var item in type.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new SchemaNotSupportedException("type", path, "type arrays must hold type names.");
                }
                names.Add(Typed(schema, item.GetString()!, $"{hint}-{i++}", path));
            }
            return _rules.Add(hint, string.Join(" | ", names.Distinct()));
        }
        throw new SchemaNotSupportedException("type", path, "type must be a type name or a non-empty array of them.");
    }

    /// <summary>No "type": a schema with only "properties" is an object, only "items" an array; otherwise any value.</summary>
    private static string InferType(JsonElement schema)
    {
        if (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _) || schema.TryGetProperty("required", out _))
        {
            return "object";
        }
        if (schema.TryGetProperty("items", out _) || schema.TryGetProperty("minItems", out _) || schema.TryGetProperty("maxItems", out _))
        {
            return "array";
        }
        if (schema.TryGetProperty("minLength", out _) || schema.TryGetProperty("maxLength", out _) || schema.TryGetProperty("format", out _))
        {
            return "string";
        }
        if (schema.TryGetProperty("minimum", out _) || schema.TryGetProperty("maximum", out _)
            || schema.TryGetProperty("exclusiveMinimum", out _) || schema.TryGetProperty("exclusiveMaximum", out _))
        {
            return "number";
        }
        return "any";
    }

    private string Typed(JsonElement schema, string type, string hint, string path) => type switch
    {
        "object" => Object(schema, hint, path),
        "array" => Array(schema, hint, path),
        "string" => String(schema, hint, path),
        "integer" => Integer(schema, hint, path),
        "number" => Number(schema, hint, path),
        "boolean" => GbnfPrimitives.Boolean(_rules),
        "null" => GbnfPrimitives.Null(_rules),
        "any" => GbnfPrimitives.Value(_rules),
        _ => throw new SchemaNotSupportedException("type", path, $"unknown type '{type}'."),
    };

    private string Alternatives(JsonElement branches, string keyword, string hint, string path)
    {
        if (branches.ValueKind != JsonValueKind.Array || branches.GetArrayLength() == 0)
        {
            throw new SchemaNotSupportedException(keyword, path, "expected a non-empty array of schemas.");
        }
        var names = new List<string>();
        var i = 0;
        foreach (var branch in branches.EnumerateArray())
        {
            names.Add(Visit(branch, $"{hint}-{i}", $"{path}/{keyword}/{i}"));
            i++;
        }
        return _rules.Add(hint, string.Join(" | ", names.Distinct()));
    }

    private string Enum(JsonElement values, string hint, string path)
    {
        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            throw new SchemaNotSupportedException("enum", path, "expected a non-empty array.");
        }
        var literals = values.EnumerateArray().Select(Literal).Distinct().ToList();
        return _rules.Add(hint, string.Join(" | ", literals));
    }

    /// <summary>The value's compact JSON text, as one literal.</summary>
    private static string Literal(JsonElement value) => GbnfText.Literal(JsonSerializerCompact(value));

    private static string JsonSerializerCompact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void RequireAlone(JsonElement schema, string path, params string[] allowed)
    {
        if (SchemaKeywords.OtherConstraint(schema, allowed) is { } other)
        {
            throw new SchemaNotSupportedException(other, path,
                $"it cannot be combined with '{allowed[0]}' in one schema; move it into the referenced or listed schemas.");
        }
    }
}
