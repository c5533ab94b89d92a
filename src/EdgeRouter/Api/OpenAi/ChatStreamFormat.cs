using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>
/// chat.completion.chunk events: a first chunk with delta.role, one per piece, a last one with finish_reason, then
/// (with stream_options.include_usage) a chunk with empty choices and usage, then [DONE].
/// </summary>
internal sealed class ChatStreamFormat(string id, long created, string model, bool includeUsage) : IRunStreamFormat
{
    public string ContentType => Sse.ContentType;

    public ValueTask WriteStartAsync(HttpResponse response, CancellationToken cancellationToken) =>
        Sse.WriteAsync(response, Chunk(new ChatDelta { Role = "assistant", Content = string.Empty }, null), OpenAiJsonContext.Api.ChatCompletionChunk, cancellationToken);

    public ValueTask WritePieceAsync(HttpResponse response, string piece, CancellationToken cancellationToken) =>
        WritePieceAsync(response, piece, null, cancellationToken);

    public ValueTask WritePieceAsync(HttpResponse response, string piece, IReadOnlyList<TokenLogprobs>? logprobs, CancellationToken cancellationToken) =>
        Sse.WriteAsync(response, Chunk(new ChatDelta { Content = piece }, null, logprobs is null ? null : OpenAiLogprobs.Chat(logprobs)),
            OpenAiJsonContext.Api.ChatCompletionChunk, cancellationToken);

    public async ValueTask WriteEndAsync(HttpResponse response, GenerationResult result, CancellationToken cancellationToken)
    {
        var info = OpenAiJsonContext.Api.ChatCompletionChunk;
        if (result.ToolCalls is { Count: > 0 } calls)
        {
            await Sse.WriteAsync(response, Chunk(new ChatDelta { ToolCalls = ToolCallDelta.From(calls) }, null), info, cancellationToken).ConfigureAwait(false);
        }
        await Sse.WriteAsync(response, Chunk(new ChatDelta(), OpenAiNames.FinishReason(result)), info, cancellationToken).ConfigureAwait(false);
        if (includeUsage)
        {
            var usage = new ChatCompletionChunk { Id = id, Created = created, Model = model, Choices = [], Usage = OpenAiNames.Usage(result) };
            await Sse.WriteAsync(response, usage, info, cancellationToken).ConfigureAwait(false);
        }
        await Sse.WriteDoneAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken) =>
        Sse.WriteErrorAsync(response, message, cancellationToken);

    private ChatCompletionChunk Chunk(ChatDelta delta, string? finishReason, ChatLogprobsDto? logprobs = null) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new ChunkChoice { Delta = delta, FinishReason = finishReason, Logprobs = logprobs }],
    };
}
