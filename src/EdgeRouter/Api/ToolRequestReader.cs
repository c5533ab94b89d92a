using System.Text.Json;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api;

/// <summary>
/// Reads the tool parts of a chat request, which both surfaces share: tools as
/// [{"type": "function", "function": {"name", "description", "parameters"}}], and an assistant turn's tool_calls as
/// [{"id", "type", "function": {"name", "arguments"}}] with arguments a JSON string (OpenAI) or an object (Ollama).
/// </summary>
internal static class ToolRequestReader
{
    public static ApiError? ReadTools(JsonElement? tools, out List<ToolDefinition>? definitions)
    {
        definitions = null;
        if (tools is not { } array || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return ApiError.InvalidRequest("Invalid type for 'tools': expected an array of tools.", "tools", "invalid_type");
        }

        definitions = [];
        var index = 0;
        foreach (var tool in array.EnumerateArray())
        {
            var param = $"tools[{index++}]";
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                return ApiError.InvalidRequest($"Invalid '{param}': expected an object with a 'function'.", param, "invalid_type");
            }

            if (tool.TryGetProperty("type", out var type) && type.GetString() is { } typeName && typeName != "function")
            {
                return ApiError.InvalidRequest($"Invalid value for '{param}.type': only 'function' tools are supported.", $"{param}.type", "invalid_value");
            }

            if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
            {
                return ApiError.InvalidRequest($"Missing required parameter: '{param}.function.name'.", $"{param}.function.name", "missing_required_parameter");
            }

            var description = function.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            string? parameters = null;
            if (function.TryGetProperty("parameters", out var schema) && schema.ValueKind != JsonValueKind.Null)
            {
                if (schema.ValueKind != JsonValueKind.Object)
                {
                    return ApiError.InvalidRequest($"Invalid type for '{param}.function.parameters': expected a JSON Schema object.", $"{param}.function.parameters", "invalid_type");
                }

                parameters = schema.GetRawText();
            }

            definitions.Add(new ToolDefinition(name.GetString()!, description, parameters));
        }

        return null;
    }

    /// <summary>
    /// An assistant turn's tool_calls. Ollama clients send no ids: those get "call" + a 5-digit number from
    /// <paramref name="idBase"/>, 9 alphanumerics, which Mistral's templates insist on.
    /// </summary>
    public static ApiError? ReadToolCalls(JsonElement? toolCalls, string path, out List<ToolCall>? calls, int idBase = 0)
    {
        calls = null;
        if (toolCalls is not { } array || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return ApiError.InvalidRequest($"Invalid type for '{path}': expected an array.", path, "invalid_type");
        }

        calls = [];
        var index = 0;
        foreach (var call in array.EnumerateArray())
        {
            var param = $"{path}[{index}]";
            if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return ApiError.InvalidRequest($"Invalid '{param}': expected an object with 'function.name'.", param, "invalid_type");
            }

            var arguments = "{}";
            if (function.TryGetProperty("arguments", out var args))
            {
                arguments = args.ValueKind switch
                {
                    JsonValueKind.String => args.GetString()!,
                    JsonValueKind.Object => args.GetRawText(),
                    JsonValueKind.Null => "{}",
                    _ => null!,
                };
                if (arguments is null)
                {
                    return ApiError.InvalidRequest($"Invalid type for '{param}.function.arguments': expected a JSON string or object.", $"{param}.function.arguments", "invalid_type");
                }
            }

            var id = call.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString()! : $"call{idBase + index:D5}";
            calls.Add(new ToolCall(id, name.GetString()!, arguments));
            index++;
        }

        return null;
    }
}
