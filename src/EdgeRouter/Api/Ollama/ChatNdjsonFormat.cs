using EdgeRouter.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>/api/chat streaming: a line per piece with done=false, then the final line with done=true and timings.</summary>
internal sealed class ChatNdjsonFormat(string model, OllamaStats stats) : IRunStreamFormat
{
    public string ContentType => OllamaFormat.NdjsonContentType;

    public ValueTask WriteStartAsync(HttpResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask WritePieceAsync(HttpResponse response, string piece, CancellationToken cancellationToken) =>
        Ndjson.WriteAsync(response,
            new OllamaChatResponse { Model = model, CreatedAt = stats.Now(), Message = new OllamaMessageOut { Content = piece }, Done = false },
            OllamaJsonContext.Api.OllamaChatResponse, cancellationToken);

    public ValueTask WriteEndAsync(HttpResponse response, GenerationResult result, CancellationToken cancellationToken) =>
        Ndjson.WriteAsync(response, stats.Chat(model, string.Empty, result), OllamaJsonContext.Api.OllamaChatResponse, cancellationToken);

    public ValueTask WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken) =>
        Ndjson.WriteErrorAsync(response, message, cancellationToken);
}
