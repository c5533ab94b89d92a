using System.Text.Json;

namespace EdgeRouter.Prompts.Grammar;

/// <summary>Which schema keywords the converter honours, which it may ignore, and the check that refuses the rest.</summary>
internal static class SchemaKeywords
{
    /// <summary>Annotations: they describe, they do not constrain, so ignoring them drops nothing.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "title", "description", "$schema", "$id", "$comment", "default", "examples", "deprecated", "readOnly",
        "writeOnly", "$defs", "definitions", "propertyOrdering",
    };

    /// <summary>Constraints the grammar expresses exactly.</summary>
    private static readonly HashSet<string> Constraints = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "enum", "const",
        "anyOf", "oneOf", "$ref", "minLength", "maxLength", "format", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum",
    };

    /// <summary>Throws for the first keyword that is neither honoured nor a pure annotation.</summary>
    public static void RequireSupported(JsonElement schema, string path)
    {
        foreach (var property in schema.EnumerateObject())
        {
            if (!Annotations.Contains(property.Name) && !Constraints.Contains(property.Name))
            {
                throw new SchemaNotSupportedException(property.Name, path, Hint(property.Name));
            }
        }
    }

    /// <summary>True when <paramref name="schema"/> has a constraint other than <paramref name="allowed"/>.</summary>
    public static string? OtherConstraint(JsonElement schema, params string[] allowed)
    {
        foreach (var property in schema.EnumerateObject())
        {
            if (Constraints.Contains(property.Name) && Array.IndexOf(allowed, property.Name) < 0)
            {
                return property.Name;
            }
        }
        return null;
    }

    private static string Hint(string keyword) => keyword switch
    {
        "allOf" => "combine the sub-schemas into one object schema.",
        "not" => "negation cannot be expressed as a grammar.",
        "pattern" or "patternProperties" => "regular expressions are not converted; use enum or format instead.",
        "multipleOf" => "divisibility cannot be expressed as a grammar.",
        "uniqueItems" => "uniqueness cannot be expressed as a grammar.",
        "prefixItems" => "tuples are not supported; use items.",
        _ => "remove it or express the constraint with the supported subset "
            + "(type, properties, required, additionalProperties, items, minItems, maxItems, enum, const, anyOf, oneOf, "
            + "$ref/$defs, minLength, maxLength, format, minimum, maximum, exclusiveMinimum, exclusiveMaximum).",
    };
}
