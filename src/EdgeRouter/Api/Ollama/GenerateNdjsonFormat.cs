using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>/api/generate streaming: a line per piece with done=false, then the final line with done=true and timings.</summary>
internal sealed class GenerateNdjsonFormat(string model, OllamaStats stats) : IRunStreamFormat
{
    public string ContentType => OllamaFormat.NdjsonContentType;

    public ValueTask WriteStartAsync(HttpResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask WritePieceAsync(HttpResponse response, string piece, CancellationToken cancellationToken) =>
        WritePieceAsync(response, piece, null, cancellationToken);

    public ValueTask WritePieceAsync(HttpResponse response, string piece, IReadOnlyList<TokenLogprobs>? logprobs, CancellationToken cancellationToken) =>
        Ndjson.WriteAsync(response,
            new OllamaGenerateResponse { Model = model, CreatedAt = stats.Now(), Response = piece, Done = false, Logprobs = OllamaLogprobs.From(logprobs) },
            OllamaJsonContext.Api.OllamaGenerateResponse, cancellationToken);

    public ValueTask WriteEndAsync(HttpResponse response, GenerationResult result, CancellationToken cancellationToken) =>
        Ndjson.WriteAsync(response, stats.Generate(model, string.Empty, result, streamEnd: true), OllamaJsonContext.Api.OllamaGenerateResponse, cancellationToken);

    public ValueTask WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken) =>
        Ndjson.WriteErrorAsync(response, message, cancellationToken);
}
