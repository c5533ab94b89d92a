namespace EdgeRouter.Core.Embeddings;

/// <summary>
/// A loaded chat model that can also embed with its own pooling, for when no separate embedding model is configured.
/// </summary>
public interface IEmbeddingSource
{
    /// <summary>
    /// A second, small context on the already-loaded weights. The source owns it and frees it before the weights;
    /// call once, on the embedding thread (creating it allocates).
    /// </summary>
    IEmbedder CreateEmbedder();
}
