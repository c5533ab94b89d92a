using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Embeddings;

/// <summary>
/// A model that embeds synchronously on the calling thread. Not thread-safe: the embedding gate guarantees one call
/// at a time.
/// </summary>
public interface IEmbedder : IDisposable
{
    /// <summary>The model serving embeddings, with <see cref="ModelCapabilities.Embedding"/>.</summary>
    ModelInfo Model { get; }

    /// <summary>Length of every vector.</summary>
    int Dimensions { get; }

    /// <summary>The most tokens one input may take.</summary>
    int Window { get; }

    /// <exception cref="PromptTooLongException">An input is longer than <see cref="Window"/> and truncation is off.</exception>
    /// <exception cref="InvalidEmbeddingInputException">An input the model cannot embed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between batches.</exception>
    EmbeddingResult Embed(EmbeddingRequest request, CancellationToken cancellationToken);
}
