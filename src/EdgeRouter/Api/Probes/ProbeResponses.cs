using System.Text.Json.Serialization;

namespace EdgeRouter.Host.Api.Probes;

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
    public GateStatus? Gate { get; init; }
    /// <summary>The local model's window and what it occupies, once loaded.</summary>
    public ContextStatus? Context { get; init; }
}

/// <summary>The window the local model was loaded with (chosen at load when none is configured) and its memory.</summary>
internal sealed class ContextStatus
{
    public required string Model { get; init; }
    public required int Tokens { get; init; }
    public required int TrainedTokens { get; init; }
    public required string KvCacheType { get; init; }
    public required long KvCacheBytes { get; init; }
    public required long WeightsBytes { get; init; }
}

/// <summary>The local slot as /readyz shows it, so a client or a test can see that at most one generation runs.</summary>
internal sealed class GateStatus
{
    public required int Running { get; init; }
    public required int Queued { get; init; }
    public required long Admitted { get; init; }
    public required long Rejected { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LivenessResponse))]
[JsonSerializable(typeof(ReadinessResponse))]
[JsonSerializable(typeof(GateStatus))]
[JsonSerializable(typeof(ContextStatus))]
internal sealed partial class ProbeJsonContext : JsonSerializerContext
{
    public static ProbeJsonContext Api { get; } = new(ApiJsonOptions.Create());
}
