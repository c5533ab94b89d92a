using System.Text.Json;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>POST /v1/embeddings. input: a string, an array of strings, an array of token ids, or an array of those.</summary>
internal sealed class EmbeddingsRequest
{
    public string? Model { get; init; }
    public JsonElement? Input { get; init; }
    public string? EncodingFormat { get; init; }
    public int? Dimensions { get; init; }
    public string? User { get; init; }
}
