using System.Text.Json.Serialization;

namespace EdgeRouter.Host.Api.Health;

internal sealed class LivenessResponse
{
    public string Status { get; init; } = "ok";
}

internal sealed class ReadinessResponse
{
    /// <summary>"ready", "loading" or "failed".</summary>
    public required string Status { get; init; }
    public required string Reason { get; init; }
    public List<string>? Models { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LivenessResponse))]
[JsonSerializable(typeof(ReadinessResponse))]
internal sealed partial class HealthJsonContext : JsonSerializerContext
{
    public static HealthJsonContext Api { get; } = new(ApiJsonOptions.Create());
}
