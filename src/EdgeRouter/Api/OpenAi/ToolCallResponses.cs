using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>An assistant message's tool call; arguments are a JSON string, as OpenAI sends them.</summary>
internal sealed class ToolCallOut
{
    public required string Id { get; init; }
    public string Type { get; init; } = "function";
    public required FunctionCallOut Function { get; init; }

    public static List<ToolCallOut>? From(GenerationResult result) =>
        result.ToolCalls?.Select(c => new ToolCallOut { Id = c.Id, Function = new FunctionCallOut { Name = c.Name, Arguments = c.ArgumentsJson } }).ToList();
}

internal sealed class FunctionCallOut
{
    public string? Name { get; init; }
    public string? Arguments { get; init; }
}

/// <summary>
/// A streamed tool call: the first delta of a call carries index, id, type and name; later ones only index and an
/// argument fragment. Ours are complete on the first delta because calls are parsed when the model finishes.
/// </summary>
internal sealed class ToolCallDelta
{
    public int Index { get; init; }
    public string? Id { get; init; }
    public string? Type { get; init; }
    public required FunctionCallOut Function { get; init; }

    public static List<ToolCallDelta> From(IReadOnlyList<ToolCall> calls) =>
        calls.Select((c, i) => new ToolCallDelta
        {
            Index = i,
            Id = c.Id,
            Type = "function",
            Function = new FunctionCallOut { Name = c.Name, Arguments = c.ArgumentsJson },
        }).ToList();
}
