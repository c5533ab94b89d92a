namespace EdgeRouter.Core.Inference;

/// <summary>A function the client offers the model; <see cref="ParametersJson"/> is its JSON Schema text, if any.</summary>
public sealed record ToolDefinition(string Name, string? Description, string? ParametersJson);
