namespace EdgeRouter.Embeddings;

/// <summary>How a client names the embedding model: as listed (OpenAI), or with Ollama's default tag.</summary>
public static class EmbeddingModelName
{
    private const string DefaultTag = ":latest";

    public static bool Matches(string model, string requested)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(requested);
        var name = requested.EndsWith(DefaultTag, StringComparison.Ordinal) ? requested[..^DefaultTag.Length] : requested;
        return string.Equals(name, model, StringComparison.Ordinal);
    }
}
