using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>
/// A JSON Schema validator for exactly the subset the grammar converter supports, written from the specification
/// and independent of the converter: the grammar's output is checked against the schema, not against itself.
/// </summary>
internal sealed partial class SubsetValidator(JsonElement root)
{
    /// <summary>Null when <paramref name="value"/> is valid; otherwise the first violation with its location.</summary>
    public string? Validate(JsonElement value) => Check(root, value, "$");

    private string? Check(JsonElement schema, JsonElement value, string at)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return null;
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Check(Resolve(reference.GetString()!), value, at);
        }
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            return $"{at}: not the const {constant.GetRawText()}";
        }
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
        {
            return $"{at}: {value.GetRawText()} is not in the enum";
        }
        if (schema.TryGetProperty("anyOf", out var anyOf) && anyOf.EnumerateArray().All(b => Check(b, value, at) is not null))
        {
            return $"{at}: matches no anyOf branch";
        }
        if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Count(b => Check(b, value, at) is null) != 1)
        {
            return $"{at}: does not match exactly one oneOf branch";
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => IsType(value, t)))
            {
                return $"{at}: {value.ValueKind} is not {string.Join("/", types)}";
            }
        }
        return value.ValueKind switch
        {
            JsonValueKind.Object => CheckObject(schema, value, at),
            JsonValueKind.Array => CheckArray(schema, value, at),
            JsonValueKind.String => CheckString(schema, value.GetString()!, at),
            JsonValueKind.Number => CheckNumber(schema, value.GetDouble(), at),
            _ => null,
        };
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.GetDouble() == Math.Floor(value.GetDouble()),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private string? CheckObject(JsonElement schema, JsonElement value, string at)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                declared.Add(property.Name);
                if (value.TryGetProperty(property.Name, out var member) && Check(property.Value, member, $"{at}.{property.Name}") is { } error)
                {
                    return error;
                }
            }
        }
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    return $"{at}: missing required '{name}'";
                }
            }
        }
        if (schema.TryGetProperty("additionalProperties", out var additional))
        {
            foreach (var member in value.EnumerateObject().Where(m => !declared.Contains(m.Name)))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    return $"{at}: unexpected property '{member.Name}'";
                }
                if (Check(additional, member.Value, $"{at}.{member.Name}") is { } error)
                {
                    return error;
                }
            }
        }
        return null;
    }

    private string? CheckArray(JsonElement schema, JsonElement value, string at)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            return $"{at}: {count} items < minItems";
        }
        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            return $"{at}: {count} items > maxItems";
        }
        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (Check(items, item, $"{at}[{i++}]") is { } error)
                {
                    return error;
                }
            }
        }
        return null;
    }

    private static string? CheckString(JsonElement schema, string text, string at)
    {
        var length = text.EnumerateRunes().Count();
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
        {
            return $"{at}: length {length} < minLength";
        }
        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
        {
            return $"{at}: length {length} > maxLength";
        }
        if (schema.TryGetProperty("format", out var format))
        {
            var ok = format.GetString() switch
            {
                "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) || DateShape().IsMatch(text),
                "time" => TimeShape().IsMatch(text),
                "date-time" => DateTimeShape().IsMatch(text),
                "uuid" => Guid.TryParseExact(text, "D", out _),
                _ => false,
            };
            if (!ok)
            {
                return $"{at}: '{text}' is not a {format.GetString()}";
            }
        }
        return null;
    }

    private static string? CheckNumber(JsonElement schema, double number, string at)
    {
        if (schema.TryGetProperty("minimum", out var min) && number < min.GetDouble())
        {
            return $"{at}: {number} < minimum";
        }
        if (schema.TryGetProperty("maximum", out var max) && number > max.GetDouble())
        {
            return $"{at}: {number} > maximum";
        }
        if (schema.TryGetProperty("exclusiveMinimum", out var emin) && number <= emin.GetDouble())
        {
            return $"{at}: {number} <= exclusiveMinimum";
        }
        if (schema.TryGetProperty("exclusiveMaximum", out var emax) && number >= emax.GetDouble())
        {
            return $"{at}: {number} >= exclusiveMaximum";
        }
        return null;
    }

    private JsonElement Resolve(string pointer)
    {
        var node = root;
        foreach (var segment in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetProperty(segment);
        }
        return node;
    }

    // Format shapes as RFC 3339 writes them (the calendar check is loose on purpose: day 31 of any month passes,
    // as in most validators' "format" assertion).
    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]
    private static partial Regex DateShape();

    [GeneratedRegex(@"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$")]
    private static partial Regex TimeShape();

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$")]
    private static partial Regex DateTimeShape();
}
