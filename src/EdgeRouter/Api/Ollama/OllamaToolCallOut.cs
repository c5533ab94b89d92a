using System.Text.Json;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>A tool call in Ollama's shape: {"function": {"name", "arguments": {object}}} (not a JSON string).</summary>
internal sealed class OllamaToolCallOut
{
    public required OllamaFunctionOut Function { get; init; }

    public static List<OllamaToolCallOut>? From(GenerationResult result) =>
        result.ToolCalls?.Select(c => new OllamaToolCallOut { Function = new OllamaFunctionOut { Name = c.Name, Arguments = Object(c.ArgumentsJson) } }).ToList();

    // The engine hands over arguments that parsed as a JSON object; anything else is sent as an empty object.
    private static JsonElement Object(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : EmptyObject();
        }
        catch (JsonException)
        {
            return EmptyObject();
        }
    }

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}

internal sealed class OllamaFunctionOut
{
    public required string Name { get; init; }
    public required JsonElement Arguments { get; init; }
}
