using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>
/// A valid /api/chat or /api/generate request. <see cref="Request"/> is null for Ollama's "load the model" call
/// (no messages, or an empty prompt), which answers at once with done_reason "load".
/// </summary>
internal sealed record OllamaCall(string Model, string EchoModel, GenerationRequest? Request, bool Stream)
{
    public const string DefaultModel = "default";

    public static (string Model, string Echo) Names(string? requested) =>
        string.IsNullOrWhiteSpace(requested) ? (DefaultModel, DefaultModel) : (requested, requested);
}
