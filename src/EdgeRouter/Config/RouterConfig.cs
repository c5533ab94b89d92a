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

/// <summary>The local model and how llama.cpp runs it.</summary>
public sealed record ModelConfig
{
    /// <summary>GGUF file to serve. <value>Null means: generate and serve the built-in demo model.</value></summary>
    public string? Path { get; init; }

    /// <summary>Name the APIs report. <value>Null means the file name without its extension.</value></summary>
    public string? Name { get; init; }

    /// <summary>
    /// n_ctx in tokens. <value>Null (the default) means: the largest window the memory guard says fits, capped by the
    /// model's trained context and <see cref="MaxContextLength"/>, chosen at load.</value>
    /// </summary>
    public int? ContextLength { get; init; }

    /// <summary>Ceiling of the automatic window. <value>The default value is 32768.</value></summary>
    public int MaxContextLength { get; init; } = ConfigLimits.DefaultMaxContextLength;

    /// <summary>KV cache element type; q8_0 or q4_0 hold more tokens in the same memory. <value>The default is f16.</value></summary>
    public KvCacheType KvCacheType { get; init; } = KvCacheType.F16;

    /// <summary>Compute threads. <value>Null means one per physical core.</value></summary>
    public int? Threads { get; init; }

    /// <summary>Prompt tokens per decode call (n_batch). <value>The default value is 512.</value></summary>
    public int BatchSize { get; init; } = ConfigLimits.DefaultBatchSize;

    /// <summary>An explicit libllama file (e.g. a CUDA build). <value>Null means the pinned build next to the binary.</value></summary>
    public string? LibraryPath { get; init; }

    /// <summary>Directory that holds libllama and the libggml*.so files. <value>Null means the binary's directory.</value></summary>
    public string? LibraryDirectory { get; init; }
}

/// <summary>The model that serves embeddings, and the queue of its own slot.</summary>
public sealed record EmbeddingConfig
{
    /// <summary>GGUF embedding model. <value>Null means: the chat model embeds with its own pooling.</value></summary>
    public string? Path { get; init; }

    /// <summary>Name the APIs report. <value>Null means the file name without its extension.</value></summary>
    public string? Name { get; init; }

    /// <summary>Embedding calls that may wait for the embedding slot. <value>The default value is 4.</value></summary>
    public int QueueLength { get; init; } = 4;
}

/// <summary>How the single local slot queues callers.</summary>
public sealed record GateConfig
{
    /// <summary>Callers that may wait for the slot. <value>The default value is 2.</value></summary>
    public int QueueLength { get; init; } = 2;

    /// <summary>How long a queued caller waits before "busy". <value>The default value is 10 s.</value></summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(10);
}
