namespace EdgeRouter.Host.Config;

/// <summary>
/// One layer of settings (the file, the environment or the command line). Null means "not set here, keep the value
/// from the layer below".
/// </summary>
public sealed record ConfigOverrides
{
    public static ConfigOverrides None { get; } = new();

    /// <summary>Only meaningful on the command line and in the environment: which file to read.</summary>
    public string? ConfigPath { get; init; }
    public string? Listen { get; init; }
    public string? ModelPath { get; init; }
    public string? ModelName { get; init; }
    public int? ContextLength { get; init; }
    public int? MaxContextLength { get; init; }
    public string? KvCacheType { get; init; }
    public int? Threads { get; init; }
    public int? BatchSize { get; init; }
    public string? LibraryPath { get; init; }
    public string? LibraryDirectory { get; init; }
    public string? EmbeddingPath { get; init; }
    public string? EmbeddingName { get; init; }
    public int? EmbeddingQueueLength { get; init; }
    public int? QueueLength { get; init; }
    public double? MaxWaitSeconds { get; init; }
    public double? WarmCelsius { get; init; }
    public double? HotCelsius { get; init; }
    public double? HysteresisCelsius { get; init; }
    public double? HotRetryAfterSeconds { get; init; }
    public string? ThermalZoneType { get; init; }
    public double? TelemetryIntervalSeconds { get; init; }
    public string? TelemetryRoot { get; init; }
    public int? MemoryMarginMiB { get; init; }
    public string? StateDirectory { get; init; }
    /// <summary>Extra browser origins (the file's cors.origins array, or EDGEROUTER_ORIGINS split at commas).</summary>
    public IReadOnlyList<string>? Origins { get; init; }

    /// <summary>The file's raw "cloud" section; only the file layer sets it (upstreams are too rich for flags).</summary>
    public System.Text.Json.JsonElement? Cloud { get; init; }

    /// <summary>The file's "alerts" and "admin" sections; file only, like "cloud".</summary>
    internal AlertsSection? Alerts { get; init; }
    internal AdminSection? Admin { get; init; }
    /// <summary>The file's raw "auth" section (API keys are never set by flags or variables).</summary>
    public System.Text.Json.JsonElement? Auth { get; init; }
}
