namespace EdgeRouter.Host.Config;

/// <summary>
/// The short variable and flag names the router had before every setting answered to EDGEROUTER_SECTION__KEY and
/// --section.key. They stay because units, scripts and muscle memory use them; a new setting needs no alias. The flags
/// are the command-line provider's switch mappings.
/// </summary>
internal static class ConfigAliases
{
    /// <param name="Flag">Null where the setting never had a short flag.</param>
    public sealed record Alias(string Key, string EnvironmentVariable, string? Flag);

    public const string ConfigEnvironmentVariable = "EDGEROUTER_CONFIG";
    public const string ConfigFlag = "--config";

    public static IReadOnlyList<Alias> All { get; } =
    [
        new("listen", "EDGEROUTER_LISTEN", "--listen"),
        new("model:path", "EDGEROUTER_MODEL", "--model"),
        new("model:name", "EDGEROUTER_MODEL_NAME", "--model-name"),
        new("model:contextLength", "EDGEROUTER_CTX", "--ctx"),
        new("model:maxContextLength", "EDGEROUTER_MAX_CTX", null),
        new("model:kvCacheType", "EDGEROUTER_KV_CACHE_TYPE", null),
        new("model:threads", "EDGEROUTER_THREADS", "--threads"),
        new("model:batchSize", "EDGEROUTER_BATCH", "--batch"),
        new("model:libraryPath", "EDGEROUTER_LLAMA_LIB", "--llama-lib"),
        new("model:libraryDirectory", "EDGEROUTER_LLAMA_LIB_DIR", "--llama-lib-dir"),
        new("embedding:path", "EDGEROUTER_EMBEDDING_MODEL", "--embedding-model"),
        new("embedding:name", "EDGEROUTER_EMBEDDING_MODEL_NAME", "--embedding-model-name"),
        new("embedding:queueLength", "EDGEROUTER_EMBEDDING_QUEUE_LENGTH", null),
        new("gate:queueLength", "EDGEROUTER_QUEUE_LENGTH", "--queue-length"),
        new("gate:maxWaitSeconds", "EDGEROUTER_MAX_WAIT", "--max-wait"),
        new("thermal:warmCelsius", "EDGEROUTER_THERMAL_WARM", null),
        new("thermal:hotCelsius", "EDGEROUTER_THERMAL_HOT", null),
        new("thermal:hysteresisCelsius", "EDGEROUTER_THERMAL_HYSTERESIS", null),
        new("thermal:hotRetryAfterSeconds", "EDGEROUTER_THERMAL_HOT_RETRY_AFTER", null),
        new("thermal:zoneType", "EDGEROUTER_THERMAL_ZONE", null),
        new("telemetry:intervalSeconds", "EDGEROUTER_TELEMETRY_INTERVAL", null),
        new("telemetry:root", "EDGEROUTER_TELEMETRY_ROOT", null),
        new("memoryGuard:marginMiB", "EDGEROUTER_MEMORY_MARGIN_MIB", null),
        new("cors:origins", "EDGEROUTER_ORIGINS", null),
        new("stateDirectory", "EDGEROUTER_STATE_DIR", "--state-dir"),
    ];

    /// <summary>Flag → key, for the command-line provider.</summary>
    public static IDictionary<string, string> SwitchMappings { get; } =
        All.Where(a => a.Flag is not null).ToDictionary(a => a.Flag!, a => a.Key, StringComparer.Ordinal);

    public static string? FlagOf(string key) =>
        All.FirstOrDefault(a => a.Flag is not null && string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase))?.Flag;
}
