using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api;

/// <summary>One streaming wire format (OpenAI SSE chat or completion, Ollama NDJSON chat or generate).</summary>
internal interface IRunStreamFormat
{
    string ContentType { get; }

    /// <summary>Anything sent before the first piece (OpenAI's role chunk).</summary>
    ValueTask WriteStartAsync(HttpResponse response, CancellationToken cancellationToken);

    ValueTask WritePieceAsync(HttpResponse response, string piece, CancellationToken cancellationToken);

    /// <summary>A piece with the tokens behind it, when the request asked for log-probabilities; formats without them ignore them.</summary>
    ValueTask WritePieceAsync(HttpResponse response, string piece, IReadOnlyList<TokenLogprobs>? logprobs, CancellationToken cancellationToken) =>
        WritePieceAsync(response, piece, cancellationToken);

    ValueTask WriteEndAsync(HttpResponse response, GenerationResult result, CancellationToken cancellationToken);

    /// <summary>A failure after the first byte: the status is already 200, so the error goes in-band.</summary>
    ValueTask WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken);
}
