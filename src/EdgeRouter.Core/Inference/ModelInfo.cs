namespace EdgeRouter.Core.Inference;

/// <summary>A loaded model, as the API surfaces describe it.</summary>
public sealed record ModelInfo
{
    public required string Name { get; init; }
    public required string Path { get; init; }
    public required string Architecture { get; init; }
    public required long FileBytes { get; init; }
    public required long ParameterCount { get; init; }
    /// <summary>Quantization of the weights, e.g. "Q8_0", "F16".</summary>
    public required string Quantization { get; init; }
    /// <summary>The context window actually allocated (n_ctx), not the training context.</summary>
    public required int ContextLength { get; init; }
    public required int TrainContextLength { get; init; }
    public string? ChatTemplate { get; init; }

    /// <summary>How chats are rendered: "jinja" (the model's own template) or llama.cpp's built-in format.</summary>
    public string? ChatTemplateFormat { get; init; }

    /// <summary>The template shows the model its tools (Ollama's "tools" capability).</summary>
    public bool SupportsTools => Capabilities.HasFlag(ModelCapabilities.Tools);
    public required DateTimeOffset LoadedAt { get; init; }
    public required TimeSpan LoadDuration { get; init; }
    /// <summary>What the model can serve. <value>Chat and text completion only, until the loader vouches for more.</value></summary>
    public ModelCapabilities Capabilities { get; init; } = ModelCapabilities.Completion;
}
