using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>/api/chat streaming: a line per piece with done=false, then the final line with done=true and timings.</summary>
internal sealed class ChatNdjsonFormat(string model, OllamaStats stats) : IRunStreamFormat
{
    public string ContentType => OllamaFormat.NdjsonContentType;

    public ValueTask WriteStartAsync(HttpResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask WritePieceAsync(HttpResponse response, string piece, CancellationToken cancellationToken) =>
        WritePieceAsync(response, piece, null, cancellationToken);

    public ValueTask WritePieceAsync(HttpResponse response, string piece, IReadOnlyList<TokenLogprobs>? logprobs, CancellationToken cancellationToken) =>
        Ndjson.WriteAsync(response,
            new OllamaChatResponse
            {
                Model = model, CreatedAt = stats.Now(), Message = new OllamaMessageOut { Content = piece }, Done = false, Logprobs = OllamaLogprobs.From(logprobs),
            },
            OllamaJsonContext.Api.OllamaChatResponse, cancellationToken);

    /// <remarks>Tool calls go in their own line before the final one, as Ollama streams them.</remarks>
    public async ValueTask WriteEndAsync(HttpResponse response, GenerationResult result, CancellationToken cancellationToken)
    {
        var info = OllamaJsonContext.Api.OllamaChatResponse;
        if (result.HasToolCalls)
        {
            var calls = new OllamaMessageOut { Content = string.Empty, ToolCalls = OllamaToolCallOut.From(result) };
            await Ndjson.WriteAsync(response, new OllamaChatResponse { Model = model, CreatedAt = stats.Now(), Message = calls, Done = false }, info, cancellationToken)
                .ConfigureAwait(false);
        }

        await Ndjson.WriteAsync(response, stats.Chat(model, string.Empty, result, streamEnd: true), info, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken) =>
        Ndjson.WriteErrorAsync(response, message, cancellationToken);
}
