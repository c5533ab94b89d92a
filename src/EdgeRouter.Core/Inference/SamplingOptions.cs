namespace EdgeRouter.Inference;

/// <summary>How the next token is chosen. Temperature 0 means greedy.</summary>
public sealed record SamplingOptions
{
    public float Temperature { get; init; } = 0.8f;
    public float TopP { get; init; } = 0.95f;
    public int TopK { get; init; } = 40;
    public float MinP { get; init; } = 0.05f;

    /// <summary>Null draws a random seed per request.</summary>
    public uint? Seed { get; init; }

    /// <summary>Null means "until end of generation or the context is full".</summary>
    public int? MaxTokens { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    public static SamplingOptions Greedy { get; } = new() { Temperature = 0f };
}
