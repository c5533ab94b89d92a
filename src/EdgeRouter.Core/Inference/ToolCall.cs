namespace EdgeRouter.Core.Inference;

/// <summary>A function call made by the model; <see cref="ArgumentsJson"/> is a JSON object's text.</summary>
public sealed record ToolCall(string Id, string Name, string ArgumentsJson);
