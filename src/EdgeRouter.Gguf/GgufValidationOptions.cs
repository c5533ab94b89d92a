namespace EdgeRouter.Gguf;

/// <summary>What <see cref="GgufValidator"/> accepts beyond the structural checks of <see cref="GgufFile.Read(string, GgufReadOptions?)"/>.</summary>
public sealed record GgufValidationOptions
{
    public static GgufValidationOptions Default { get; } = new();

    /// <summary>Null means <see cref="GgufArchitectures.Supported"/>.</summary>
    public IReadOnlySet<string>? SupportedArchitectures { get; init; }

    /// <summary>Require a tokenizer (tokenizer.ggml.model and tokens); a router cannot serve a model without one.</summary>
    public bool RequireTokenizer { get; init; } = true;

    public GgufReadOptions ReadOptions { get; init; } = GgufReadOptions.Default;
}
