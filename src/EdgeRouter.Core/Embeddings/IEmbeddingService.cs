using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Embeddings;

/// <summary>
/// The seam between the embedding endpoints and whatever serves them: today the local embedding model (or the chat
/// model's pooling); a router can chain cloud upstreams behind the same call.
/// </summary>
public interface IEmbeddingService
{
    /// <summary>The model that serves embeddings, or null while none can (loading, failed, or a chat model without pooling).</summary>
    ModelInfo? Model { get; }

    /// <summary>True when a model separate from the chat model serves embeddings.</summary>
    bool IsSeparateModel { get; }

    /// <summary>Embeds every input, or says at once why not. Never waits longer than the embedding gate's bounded queue.</summary>
    ValueTask<EmbeddingOutcome> EmbedAsync(string requestedModel, EmbeddingRequest request, CancellationToken cancellationToken);
}
