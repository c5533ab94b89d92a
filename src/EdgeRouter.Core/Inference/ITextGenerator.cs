namespace EdgeRouter.Core.Inference;

/// <summary>
/// A model that generates text synchronously on the calling thread. Implementations are not thread-safe:
/// the inference gate guarantees one call at a time.
/// </summary>
public interface ITextGenerator : IDisposable
{
    ModelInfo Model { get; }

    /// <summary>Tokens the rendered prompt takes, without generating. Thread-safe, also while a generation runs.</summary>
    int CountPromptTokens(GenerationRequest request);

    /// <summary>
    /// Runs one generation. Cancellation stops the decode within one graph step and returns
    /// <see cref="FinishReason.Cancelled"/> rather than throwing.
    /// </summary>
    /// <exception cref="PromptTooLongException">The prompt does not fit the context window.</exception>
    GenerationResult Generate(GenerationRequest request, ITokenSink sink, CancellationToken cancellationToken);
}
