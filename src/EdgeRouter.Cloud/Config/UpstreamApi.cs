namespace EdgeRouter.Cloud.Config;

/// <summary>Which OpenAI endpoint an upstream's model serves: a route serves one kind, and probes ask what traffic asks.</summary>
public enum UpstreamApi
{
    /// <summary><c>chat/completions</c> and <c>completions</c>.</summary>
    Chat,

    /// <summary><c>embeddings</c>: the upstream's model is an embedding model, used by <c>/v1/embeddings</c> and <c>/api/embed</c>.</summary>
    Embeddings,
}
