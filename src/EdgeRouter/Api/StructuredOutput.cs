using System.Text.Json;
using EdgeRouter.Core.Inference;
using EdgeRouter.Prompts.Grammar;

namespace EdgeRouter.Host.Api;

/// <summary>
/// OpenAI's response_format and Ollama's format, turned into a grammar for the local tier. A schema outside the
/// converter's subset is a 400 naming the keyword: the alternative, ignoring the constraint, hands the caller JSON
/// their own validator rejects.
/// </summary>
internal static class StructuredOutput
{
    /// <summary>response_format: absent or "text" → free text; "json_object" → any object; "json_schema" → its schema (strict or not).</summary>
    public static ApiError? ReadOpenAi(JsonElement? responseFormat, out GrammarConstraint? grammar)
    {
        grammar = null;
        if (responseFormat is not { } format || format.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (format.ValueKind != JsonValueKind.Object
            || !format.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return ApiError.InvalidRequest("Invalid 'response_format': expected an object with a 'type'.", "response_format", "invalid_type");
        }
        switch (type.GetString())
        {
            case "text":
                return null;
            case "json_object":
                grammar = new GrammarConstraint(JsonSchemaGrammar.AnyObject());
                return null;
            case "json_schema":
                if (!format.TryGetProperty("json_schema", out var wrapper) || wrapper.ValueKind != JsonValueKind.Object)
                {
                    return ApiError.InvalidRequest("Missing required parameter: 'response_format.json_schema'.",
                        "response_format.json_schema", "missing_required_parameter");
                }
                // "strict" changes nothing here: the grammar enforces the schema either way.
                return wrapper.TryGetProperty("schema", out var schema)
                    ? FromSchema(schema, "response_format.json_schema.schema", out grammar)
                    : AnyObject(out grammar);
            default:
                return ApiError.InvalidRequest(
                    $"Invalid value: '{type.GetString()}'. Supported values are: 'text', 'json_object' and 'json_schema'.",
                    "response_format.type", "invalid_value");
        }
    }

    /// <summary>Ollama's format: "json" → any JSON object, an object → a JSON schema, "" or null → free text.</summary>
    public static ApiError? ReadOllama(JsonElement? format, out GrammarConstraint? grammar)
    {
        grammar = null;
        if (format is not { } value || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() == "json"
                ? AnyObject(out grammar)
                : ApiError.InvalidRequest($"invalid format '{value.GetString()}': use \"json\" or a JSON schema object", "format");
        }
        return value.ValueKind == JsonValueKind.Object
            ? FromSchema(value, "format", out grammar)
            : ApiError.InvalidRequest("invalid format: use \"json\" or a JSON schema object", "format");
    }

    private static ApiError? AnyObject(out GrammarConstraint? grammar)
    {
        grammar = new GrammarConstraint(JsonSchemaGrammar.AnyObject());
        return null;
    }

    private static ApiError? FromSchema(JsonElement schema, string param, out GrammarConstraint? grammar)
    {
        grammar = null;
        try
        {
            grammar = new GrammarConstraint(JsonSchemaGrammar.FromSchema(schema));
            return null;
        }
        catch (SchemaNotSupportedException e)
        {
            return ApiError.InvalidRequest($"Invalid schema for '{param}': {e.Message}", param, "invalid_json_schema");
        }
    }
}
