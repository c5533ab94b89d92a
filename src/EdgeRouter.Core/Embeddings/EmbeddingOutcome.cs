using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Embeddings;

/// <summary>The vectors, or why there are none (a refusal in the same terms as a generation's admission).</summary>
public abstract record EmbeddingOutcome
{
    private EmbeddingOutcome() { }

    public sealed record Embedded(ModelInfo Model, EmbeddingResult Result) : EmbeddingOutcome;

    /// <summary>Busy, Unavailable, UnknownModel or PromptTooLong.</summary>
    public sealed record Refused(Admission Reason) : EmbeddingOutcome;
}
