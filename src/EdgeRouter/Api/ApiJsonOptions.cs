using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeRouter.Host.Api;

/// <summary>
/// Serializer options shared by the API contexts: snake_case names as OpenAI and Ollama spell them, absent rather than
/// null optional fields, and UTF-8 text as is (no \u escapes for non-ASCII, as both upstream servers do).
/// </summary>
internal static class ApiJsonOptions
{
    public static JsonSerializerOptions Create() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
