using System.Text.Json.Serialization;

namespace EdgeRouter.Host.Config;

/// <summary>
/// Everything the router needs to start, after the JSON file, the environment and the command line were layered.
/// Immutable: a change means a restart.
/// </summary>
public sealed record RouterConfig
{
    /// <summary>Where Kestrel listens. <value>The default value is 127.0.0.1:11434 (Ollama's port).</value></summary>
    public ListenEndpoint Listen { get; init; } = ListenEndpoint.Default;

    public ModelConfig Model { get; init; } = new();

    public EmbeddingConfig Embedding { get; init; } = new();

    public GateConfig Gate { get; init; } = new();

    public ThermalConfig Thermal { get; init; } = new();

    public TelemetryConfig Telemetry { get; init; } = new();

    public MemoryGuardConfig MemoryGuard { get; init; } = new();

    /// <summary>Cloud upstreams and routes, validated at load. <value>Empty means local-only, exactly as without the cloud tier.</value></summary>
    public EdgeRouter.Cloud.Config.CloudConfig Cloud { get; init; } = EdgeRouter.Cloud.Config.CloudConfig.Empty;

    /// <summary>The alert webhook. <value>The default is off.</value></summary>
    public Observability.Alerts.AlertsConfig Alerts { get; init; } = Observability.Alerts.AlertsConfig.Off;

    /// <summary>Browser origins allowed besides the local ones. <value>The default is none extra.</value></summary>
    public Api.Cors.CorsConfig Cors { get; init; } = Api.Cors.CorsConfig.Default;

    /// <summary>The /admin endpoints' token. <value>The default is off (no token: the endpoints refuse).</value></summary>
    public Api.Admin.AdminConfig Admin { get; init; } = Api.Admin.AdminConfig.Off;
    /// <summary>
    /// Where the router keeps its state file. <value>Null means $XDG_STATE_HOME/edgerouter, else ~/.local/state/edgerouter;
    /// under systemd $STATE_DIRECTORY always wins (see <see cref="DataDirectories.StateDirectory"/>).</value>
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>API keys for local apps. <value>None: loopback only, no key needed.</value></summary>
    public EdgeRouter.Host.Security.AuthConfig Auth { get; init; } = EdgeRouter.Host.Security.AuthConfig.None;

    /// <summary>The config file that was read, or null when only built-in defaults, environment and flags apply.</summary>
    public string? SourceFile { get; init; }

    public static RouterConfig Default { get; } = new();
}

// The settings records below are what the configuration binder fills (its source generator: no reflection). A new
// setting is one parameter here with its rule, one line in the README's table, and the code that reads it: the JSON
// key, the EDGEROUTER_SECTION__KEY variable, the --section.key flag, the unknown-key check and the error messages all
// follow from the parameter (ConfigSchema, ConfigLayers, ConfigLoader).

/// <summary>The local model and how llama.cpp runs it ("model").</summary>
/// <param name="Path">GGUF file to serve. <value>Null means: generate and serve the built-in demo model.</value></param>
/// <param name="Name">Name the APIs report. <value>Null means the file name without its extension.</value></param>
/// <param name="ContextLength">n_ctx in tokens. <value>Null (the default) means: the largest window the memory guard
/// says fits, capped by the model's trained context and <paramref name="MaxContextLength"/>, chosen at load.</value></param>
/// <param name="MaxContextLength">Ceiling of the automatic window. <value>The default value is 32768.</value></param>
/// <param name="KvCacheType">KV cache element type; q8_0 or q4_0 hold more tokens in the same memory. <value>The default is f16.</value></param>
/// <param name="Threads">Compute threads. <value>Null means one per physical core.</value></param>
/// <param name="BatchSize">Prompt tokens per decode call (n_batch). <value>The default value is 512.</value></param>
/// <param name="LibraryPath">An explicit libllama file (e.g. a CUDA build). <value>Null means the pinned build next to the binary.</value></param>
/// <param name="LibraryDirectory">Directory that holds libllama and the libggml*.so files. <value>Null means the binary's directory.</value></param>
/// <param name="GpuLayers">Layers offloaded to a GPU backend (a CUDA libllama on a Jetson); 0 keeps all on the CPU. <value>Null means llama.cpp's default: all.</value></param>
public sealed record ModelConfig(
    string? Path = null,
    string? Name = null,
    [property: Within(ConfigLimits.MinContextLength, ConfigLimits.MaxContextLength)] int? ContextLength = null,
    [property: Within(ConfigLimits.MinContextLength, ConfigLimits.MaxContextLength)] int MaxContextLength = ConfigLimits.DefaultMaxContextLength,
    KvCacheType KvCacheType = KvCacheType.F16,
    [property: Within(1, 512)] int? Threads = null,
    [property: Within(1, 1 << 16)] int BatchSize = ConfigLimits.DefaultBatchSize,
    string? LibraryPath = null,
    string? LibraryDirectory = null,
    [property: Within(0, 10_000)] int? GpuLayers = null);

/// <summary>The model that serves embeddings, and the queue of its own slot ("embedding").</summary>
/// <param name="Path">GGUF embedding model. <value>Null means: the chat model embeds with its own pooling.</value></param>
/// <param name="Name">Name the APIs report. <value>Null means the file name without its extension.</value></param>
/// <param name="QueueLength">Embedding calls that may wait for the embedding slot. <value>The default value is 4.</value></param>
public sealed record EmbeddingConfig(
    string? Path = null,
    string? Name = null,
    [property: Within(0, ConfigLimits.MaxQueueLength)] int QueueLength = 4);

/// <summary>How the single local slot queues callers ("gate").</summary>
/// <param name="QueueLength">Callers that may wait for the slot. <value>The default value is 2.</value></param>
/// <param name="MaxWaitSeconds">How long a queued caller waits before "busy". <value>The default value is 10 s.</value></param>
public sealed record GateConfig(
    [property: Within(0, ConfigLimits.MaxQueueLength)] int QueueLength = 2,
    [property: Within(0, 600, Unit = "s")] double MaxWaitSeconds = 10)
{
    [JsonIgnore]
    public TimeSpan MaxWait => TimeSpan.FromSeconds(MaxWaitSeconds);
}
