using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>text_completion events: one per piece, a last one with finish_reason, optional usage, then [DONE].</summary>
internal sealed class CompletionStreamFormat(string id, long created, string model, bool includeUsage) : IRunStreamFormat
{
    private int _textOffset;

    public string ContentType => Sse.ContentType;

    public ValueTask WriteStartAsync(HttpResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask WritePieceAsync(HttpResponse response, string piece, CancellationToken cancellationToken) =>
        WritePieceAsync(response, piece, null, cancellationToken);

    public ValueTask WritePieceAsync(HttpResponse response, string piece, IReadOnlyList<TokenLogprobs>? logprobs, CancellationToken cancellationToken) =>
        Sse.WriteAsync(response, Chunk(piece, null, logprobs is null ? null : OpenAiLogprobs.Completion(logprobs, ref _textOffset)),
            OpenAiJsonContext.Api.TextCompletionResponse, cancellationToken);

    public async ValueTask WriteEndAsync(HttpResponse response, GenerationResult result, CancellationToken cancellationToken)
    {
        var info = OpenAiJsonContext.Api.TextCompletionResponse;
        await Sse.WriteAsync(response, Chunk(string.Empty, OpenAiNames.FinishReason(result.FinishReason)), info, cancellationToken).ConfigureAwait(false);
        if (includeUsage)
        {
            var usage = new TextCompletionResponse { Id = id, Created = created, Model = model, Choices = [], Usage = OpenAiNames.Usage(result) };
            await Sse.WriteAsync(response, usage, info, cancellationToken).ConfigureAwait(false);
        }
        await Sse.WriteDoneAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken) =>
        Sse.WriteErrorAsync(response, message, cancellationToken);

    private TextCompletionResponse Chunk(string text, string? finishReason, CompletionLogprobsDto? logprobs = null) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new TextChoice { Text = text, FinishReason = finishReason, Logprobs = logprobs }],
    };
}
