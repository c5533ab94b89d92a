namespace EdgeRouter.Core.Embeddings;

/// <summary>An input the model cannot embed (empty, or a token id outside its vocabulary): the client's to fix.</summary>
public sealed class InvalidEmbeddingInputException(string message) : Exception(message);
