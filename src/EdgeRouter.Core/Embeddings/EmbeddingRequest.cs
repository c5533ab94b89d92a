namespace EdgeRouter.Core.Embeddings;

/// <summary>Inputs to embed in one call, answered in the same order.</summary>
/// <param name="Truncate">
/// Cut an input longer than the model's window to fit (Ollama's default), instead of refusing the whole request.
/// </param>
public sealed record EmbeddingRequest(IReadOnlyList<EmbeddingInput> Inputs, bool Truncate = true);
