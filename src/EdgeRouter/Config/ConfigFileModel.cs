using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeRouter.Host.Config;

// The JSON file's shape. Every value is optional: a missing key keeps the built-in default. Unknown keys are errors
// (UnmappedMemberHandling.Disallow in ConfigJsonContext), so a typo such as "contextLenght" never goes unnoticed.

internal sealed class ConfigFileModel
{
    public string? Listen { get; init; }
    public ModelSection? Model { get; init; }
    public EmbeddingSection? Embedding { get; init; }
    public GateSection? Gate { get; init; }
    public ThermalSection? Thermal { get; init; }
    public TelemetrySection? Telemetry { get; init; }
    public MemoryGuardSection? MemoryGuard { get; init; }
    public AlertsSection? Alerts { get; init; }
    public AdminSection? Admin { get; init; }
    public CorsSection? Cors { get; init; }
    public string? StateDirectory { get; init; }

    // Kept raw: EdgeRouter.Cloud reads and validates its own section (CloudConfigReader), with its own paths.
    public JsonElement? Cloud { get; init; }

    // Kept raw too: AuthSectionLoader checks it against the cloud routes.
    public JsonElement? Auth { get; init; }
}

internal sealed class ModelSection
{
    public string? Path { get; init; }
    public string? Name { get; init; }
    public int? ContextLength { get; init; }
    public int? MaxContextLength { get; init; }
    public string? KvCacheType { get; init; }
    public int? Threads { get; init; }
    public int? BatchSize { get; init; }
    public string? LibraryPath { get; init; }
    public string? LibraryDirectory { get; init; }
}

internal sealed class EmbeddingSection
{
    public string? Path { get; init; }
    public string? Name { get; init; }
    public int? QueueLength { get; init; }
}

internal sealed class GateSection
{
    public int? QueueLength { get; init; }
    public double? MaxWaitSeconds { get; init; }
}

internal sealed class ThermalSection
{
    public double? WarmCelsius { get; init; }
    public double? HotCelsius { get; init; }
    public double? HysteresisCelsius { get; init; }
    public double? HotRetryAfterSeconds { get; init; }
    public string? ZoneType { get; init; }
}

internal sealed class TelemetrySection
{
    public double? IntervalSeconds { get; init; }
    public string? Root { get; init; }
}

internal sealed class CorsSection
{
    public List<string>? Origins { get; init; }
}

internal sealed class MemoryGuardSection
{
    public int? MarginMiB { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ConfigFileModel))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
