namespace EdgeRouter.Host.Config;

/// <summary>
/// Each setting's name in the three layers, so every error message can point at the exact key, variable or flag.
/// </summary>
internal static class ConfigKeys
{
    public sealed record Key(string JsonPath, string EnvironmentVariable, string Flag);

    public static readonly Key Listen = new("listen", "EDGEROUTER_LISTEN", "--listen");
    public static readonly Key ModelPath = new("model.path", "EDGEROUTER_MODEL", "--model");
    public static readonly Key ModelName = new("model.name", "EDGEROUTER_MODEL_NAME", "--model-name");
    public static readonly Key ContextLength = new("model.contextLength", "EDGEROUTER_CTX", "--ctx");
    public static readonly Key Threads = new("model.threads", "EDGEROUTER_THREADS", "--threads");
    public static readonly Key BatchSize = new("model.batchSize", "EDGEROUTER_BATCH", "--batch");
    public static readonly Key LibraryPath = new("model.libraryPath", "EDGEROUTER_LLAMA_LIB", "--llama-lib");
    public static readonly Key LibraryDirectory = new("model.libraryDirectory", "EDGEROUTER_LLAMA_LIB_DIR", "--llama-lib-dir");
    public static readonly Key QueueLength = new("gate.queueLength", "EDGEROUTER_QUEUE_LENGTH", "--queue-length");
    public static readonly Key MaxWait = new("gate.maxWaitSeconds", "EDGEROUTER_MAX_WAIT", "--max-wait");

    public const string ConfigEnvironmentVariable = "EDGEROUTER_CONFIG";
    public const string ConfigFlag = "--config";

    public static IReadOnlyList<Key> All { get; } =
        [Listen, ModelPath, ModelName, ContextLength, Threads, BatchSize, LibraryPath, LibraryDirectory, QueueLength, MaxWait];
}
