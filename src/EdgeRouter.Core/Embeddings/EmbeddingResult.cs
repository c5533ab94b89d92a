namespace EdgeRouter.Core.Embeddings;

/// <summary>L2-normalised vectors, one per input in request order, and the tokens they took (after any truncation).</summary>
public sealed record EmbeddingResult(IReadOnlyList<float[]> Vectors, int PromptTokens, TimeSpan Duration);
