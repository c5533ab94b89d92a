namespace EdgeRouter.Core.Embeddings;

/// <summary>One text to embed, or a sequence of token ids already tokenized for the model (OpenAI's token-array input).</summary>
public sealed record EmbeddingInput
{
    private EmbeddingInput(string? text, IReadOnlyList<int>? tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string? Text { get; }

    public IReadOnlyList<int>? Tokens { get; }

    public static EmbeddingInput FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    public static EmbeddingInput FromTokens(IReadOnlyList<int> tokens) => new(null, tokens ?? throw new ArgumentNullException(nameof(tokens)));
}
