using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Host.Api;

/// <summary>
/// The models the listing endpoints (/v1/models, /api/tags, /api/ps, /api/show) describe: the router's chat models,
/// then the embedding model when it is a separate one. A chat model that also serves embeddings says so in its
/// capabilities.
/// </summary>
internal sealed class ServedModels(IInferenceService inference, IEmbeddingService embeddings)
{
    public IReadOnlyList<ModelInfo> List()
    {
        var chat = inference.ListModels().Select(WithEmbedding).ToList();
        if (embeddings.IsSeparateModel && embeddings.Model is { } separate && !chat.Exists(m => m.Name == separate.Name))
        {
            chat.Add(separate);
        }

        return chat;
    }

    public ModelInfo? Resolve(string requested)
    {
        if (inference.ResolveModel(requested) is { } chat)
        {
            return WithEmbedding(chat);
        }

        return embeddings.IsSeparateModel && embeddings.Model is { } separate && ModelName.Names(separate.Name, requested)
            ? separate
            : null;
    }

    public IReadOnlyList<string> Names() => [.. List().Select(m => m.Name)];

    /// <summary>True when <paramref name="chat"/> serves embeddings itself, with its pooling (no separate model is configured).</summary>
    public bool EmbedsWith(ModelInfo chat) =>
        !embeddings.IsSeparateModel && embeddings.Model is { } fallback && fallback.Name == chat.Name;

    private ModelInfo WithEmbedding(ModelInfo model) =>
        EmbedsWith(model) ? model with { Capabilities = model.Capabilities | ModelCapabilities.Embedding } : model;
}
