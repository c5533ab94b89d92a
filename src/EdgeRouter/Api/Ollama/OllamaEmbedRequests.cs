using System.Text.Json;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>POST /api/embed. keep_alive and options are accepted and ignored: the model stays loaded and embeds as configured.</summary>
internal sealed class OllamaEmbedRequest
{
    public string? Model { get; init; }
    public JsonElement? Input { get; init; }
    public bool? Truncate { get; init; }
    public int? Dimensions { get; init; }
    public JsonElement? KeepAlive { get; init; }
    public JsonElement? Options { get; init; }
}

/// <summary>POST /api/embeddings, Ollama's older single-prompt form.</summary>
internal sealed class OllamaEmbeddingsRequest
{
    public string? Model { get; init; }
    public string? Prompt { get; init; }
    public JsonElement? KeepAlive { get; init; }
    public JsonElement? Options { get; init; }
}
