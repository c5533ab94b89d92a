using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Embeddings;

/// <summary>
/// Runs an embedding call for either surface: the vectors, or the error to send in the surface's shape (a refusal of
/// the embedding gate, an unknown model, an input the model cannot take).
/// </summary>
internal sealed class EmbeddingRunner(IEmbeddingService embeddings, IInferenceService inference, ServedModels models)
{
    public const string InputParam = "input";

    public async Task<(EmbeddingOutcome.Embedded? Embedded, ApiError? Error)> RunAsync(string model, EmbeddingRequest request, CancellationToken cancellationToken)
    {
        EmbeddingOutcome outcome;
        try
        {
            outcome = await embeddings.EmbedAsync(ChatModelName(model), request, cancellationToken);
        }
        catch (InvalidEmbeddingInputException invalid)
        {
            return (null, ApiError.InvalidRequest(invalid.Message, InputParam, "invalid_input"));
        }

        return outcome switch
        {
            EmbeddingOutcome.Embedded embedded => (embedded, null),
            EmbeddingOutcome.Refused { Reason: Admission.PromptTooLong tooLong } => (null, new ApiError(StatusCodes.Status400BadRequest,
                $"This model's maximum input length is {tooLong.ContextLength} tokens, but an input is {tooLong.PromptTokens} tokens. " +
                "Shorten the input, or allow truncation.", ApiError.InvalidRequestType, InputParam, "context_length_exceeded")),
            EmbeddingOutcome.Refused refused => (null, ApiError.FromAdmission(refused.Reason, InputParam)),
            _ => (null, ApiError.ServerError("unexpected embedding outcome")),
        };
    }

    /// <summary>
    /// When the chat model embeds, any name the router resolves to it ("local", "name:latest", an alias) names it here
    /// too, so a client configured for chat can embed with the same model setting.
    /// </summary>
    private string ChatModelName(string requested) =>
        inference.ResolveModel(requested) is { } chat && models.EmbedsWith(chat) ? chat.Name : requested;
}
