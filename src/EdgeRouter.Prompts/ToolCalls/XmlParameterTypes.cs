using System.Text.Json;

namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>
/// Qwen3-Coder writes each argument as bare text between &lt;parameter=NAME&gt; tags, so the tool's schema decides what
/// the text means: a string parameter (or one without a declared type) is the text itself, every other type is JSON.
/// The parser and the forced-call grammar both ask here, so a forced call always parses back to what it promised.
/// </summary>
internal static class XmlParameterTypes
{
    /// <summary>True when the parameter's value is raw text rather than a JSON value.</summary>
    public static bool IsText(JsonElement parameterSchema)
    {
        if (parameterSchema.ValueKind != JsonValueKind.Object || !parameterSchema.TryGetProperty("type", out var type))
        {
            return true;
        }
        return type.ValueKind switch
        {
            JsonValueKind.String => type.GetString() == "string",
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "string"),
            _ => true,
        };
    }

    /// <summary>The schema of <paramref name="parameter"/> inside a tool's parameters schema; Undefined when it declares none.</summary>
    public static JsonElement Property(JsonElement parameters, string parameter) =>
        parameters.ValueKind == JsonValueKind.Object
        && parameters.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
        && properties.TryGetProperty(parameter, out var schema)
            ? schema
            : default;
}
