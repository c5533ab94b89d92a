namespace EdgeRouter.Host.Config;

/// <summary>
/// Each setting's name in the three layers, so every error message can point at the exact key, variable or flag.
/// </summary>
internal static class ConfigKeys
{
    /// <param name="Flag">Null for settings without a flag (the board-tuning ones: file or environment only).</param>
    public sealed record Key(string JsonPath, string EnvironmentVariable, string? Flag);

    public static readonly Key Listen = new("listen", "EDGEROUTER_LISTEN", "--listen");
    public static readonly Key ModelPath = new("model.path", "EDGEROUTER_MODEL", "--model");
    public static readonly Key ModelName = new("model.name", "EDGEROUTER_MODEL_NAME", "--model-name");
    public static readonly Key ContextLength = new("model.contextLength", "EDGEROUTER_CTX", "--ctx");
    public static readonly Key MaxContextLength = new("model.maxContextLength", "EDGEROUTER_MAX_CTX", null);
    public static readonly Key KvCacheType = new("model.kvCacheType", "EDGEROUTER_KV_CACHE_TYPE", null);
    public static readonly Key Threads = new("model.threads", "EDGEROUTER_THREADS", "--threads");
    public static readonly Key BatchSize = new("model.batchSize", "EDGEROUTER_BATCH", "--batch");
    public static readonly Key LibraryPath = new("model.libraryPath", "EDGEROUTER_LLAMA_LIB", "--llama-lib");
    public static readonly Key LibraryDirectory = new("model.libraryDirectory", "EDGEROUTER_LLAMA_LIB_DIR", "--llama-lib-dir");
    public static readonly Key EmbeddingPath = new("embedding.path", "EDGEROUTER_EMBEDDING_MODEL", "--embedding-model");
    public static readonly Key EmbeddingName = new("embedding.name", "EDGEROUTER_EMBEDDING_MODEL_NAME", "--embedding-model-name");
    public static readonly Key EmbeddingQueueLength = new("embedding.queueLength", "EDGEROUTER_EMBEDDING_QUEUE_LENGTH", null);
    public static readonly Key QueueLength = new("gate.queueLength", "EDGEROUTER_QUEUE_LENGTH", "--queue-length");
    public static readonly Key MaxWait = new("gate.maxWaitSeconds", "EDGEROUTER_MAX_WAIT", "--max-wait");

    public static readonly Key WarmCelsius = new("thermal.warmCelsius", "EDGEROUTER_THERMAL_WARM", null);
    public static readonly Key HotCelsius = new("thermal.hotCelsius", "EDGEROUTER_THERMAL_HOT", null);
    public static readonly Key HysteresisCelsius = new("thermal.hysteresisCelsius", "EDGEROUTER_THERMAL_HYSTERESIS", null);
    public static readonly Key HotRetryAfter = new("thermal.hotRetryAfterSeconds", "EDGEROUTER_THERMAL_HOT_RETRY_AFTER", null);
    public static readonly Key ThermalZoneType = new("thermal.zoneType", "EDGEROUTER_THERMAL_ZONE", null);
    public static readonly Key TelemetryInterval = new("telemetry.intervalSeconds", "EDGEROUTER_TELEMETRY_INTERVAL", null);
    public static readonly Key TelemetryRoot = new("telemetry.root", "EDGEROUTER_TELEMETRY_ROOT", null);
    public static readonly Key MemoryMargin = new("memoryGuard.marginMiB", "EDGEROUTER_MEMORY_MARGIN_MIB", null);
    public static readonly Key Origins = new("cors.origins", "EDGEROUTER_ORIGINS", null);
    public static readonly Key StateDirectory = new("stateDirectory", "EDGEROUTER_STATE_DIR", "--state-dir");

    public const string ConfigEnvironmentVariable = "EDGEROUTER_CONFIG";
    public const string ConfigFlag = "--config";

    public static IReadOnlyList<Key> All { get; } =
        [Listen, ModelPath, ModelName, ContextLength, MaxContextLength, KvCacheType, Threads, BatchSize, LibraryPath, LibraryDirectory, EmbeddingPath, EmbeddingName, EmbeddingQueueLength, QueueLength, MaxWait,
         WarmCelsius, HotCelsius, HysteresisCelsius, HotRetryAfter, ThermalZoneType, TelemetryInterval, TelemetryRoot, MemoryMargin,
         Origins, StateDirectory];
}
