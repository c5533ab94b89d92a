using System.Text.Json;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>OpenAI's tool_choice: "auto" | "none" | "required" | {"type": "function", "function": {"name": ..}}.</summary>
internal static class ToolChoiceReader
{
    private const string Param = "tool_choice";

    public static ApiError? Read(JsonElement? value, IReadOnlyList<ToolDefinition>? tools, out ToolChoice choice)
    {
        choice = ToolChoice.Auto;
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            switch (element.GetString())
            {
                case "auto":
                    return null;
                case "none":
                    choice = ToolChoice.None;
                    return null;
                case "required":
                    choice = ToolChoice.Required;
                    return tools is { Count: > 0 } ? null : NeedsTools();
                default:
                    return ApiError.InvalidRequest(
                        $"Invalid value: '{element.GetString()}'. Supported values are: 'none', 'auto' and 'required'.", Param, "invalid_value");
            }
        }

        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("function", out var function)
            && function.ValueKind == JsonValueKind.Object && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            var wanted = name.GetString()!;
            if (tools is null || !tools.Any(t => t.Name == wanted))
            {
                return ApiError.InvalidRequest($"Invalid '{Param}': the function '{wanted}' is not in 'tools'.", Param, "invalid_value");
            }

            choice = ToolChoice.Function(wanted);
            return null;
        }

        return ApiError.InvalidRequest($"Invalid type for '{Param}': expected a string or {{\"type\": \"function\", \"function\": {{\"name\": ...}}}}.", Param, "invalid_type");
    }

    private static ApiError NeedsTools() =>
        ApiError.InvalidRequest("Invalid value for 'tool_choice': 'required' needs 'tools'.", Param, "invalid_value");
}
