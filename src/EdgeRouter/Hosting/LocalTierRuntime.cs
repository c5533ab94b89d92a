using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Gate;
using EdgeRouter.Host.Config;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Local;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// Owns the local tier's parts (worker thread, gate, model host, embeddings) and disposes them in the safe order: first
/// the embeddings (whose context may sit on the chat model's weights), then the worker, which finishes the running
/// generation, then the model, then the gate.
/// </summary>
internal sealed class LocalTierRuntime : IDisposable
{
    private readonly InferenceWorker _worker;
    private readonly InferenceGate _gate;
    private readonly LocalModelHost _host;

    // Linked into every local run; cancelled only by a graceful stop that ran out of drain time.
    private readonly CancellationTokenSource _shutdown = new();

    public LocalTierRuntime(GateConfig gate, EmbeddingConfig embedding, TimeProvider time, ILoggerFactory loggerFactory,
        ILocalAdmissionPolicy? policy = null)
    {
        _worker = new InferenceWorker(time);
        _gate = new InferenceGate(new GateOptions { QueueLength = gate.QueueLength, MaxWait = gate.MaxWait }, time);
        _host = new LocalModelHost(loggerFactory.CreateLogger<LocalModelHost>());
        Tier = new LocalTier(_host, _gate, _worker, policy, _shutdown.Token);
        Embeddings = new LocalEmbeddings(embedding.QueueLength, time, _host, loggerFactory.CreateLogger<LocalEmbeddings>());
    }

    /// <summary>Serves /v1/embeddings and /api/embed behind its own gate.</summary>
    public LocalEmbeddings Embeddings { get; }

    public LocalTier Tier { get; }

    public InferenceGate Gate => _gate;

    /// <summary>The inference thread still runs (a watchdog liveness check).</summary>
    public bool IsWorkerAlive => _worker.IsAlive;

    /// <summary>No generation holds the slot.</summary>
    public bool IsIdle => _gate.Snapshot().Running == 0;

    /// <summary>Starts loading on the inference thread; the task completes when the model is ready or failed.</summary>
    public Task StartLoading(string description, Func<ITextGenerator> load) => _host.LoadAsync(_worker, description, load);

    /// <summary>Loads the separate embedding model on the embedding thread; the task completes when it is ready or failed.</summary>
    public Task StartLoadingEmbeddings(string description, Func<IEmbedder> load) => Embeddings.LoadAsync(description, load);

    /// <summary>Cancels the running generation (and any that would start): the last step of a stop out of time.</summary>
    public void AbortRunning() => _shutdown.Cancel();

    public void Dispose()
    {
        Embeddings.Dispose();
        _worker.Dispose();
        _host.Dispose();
        _gate.Dispose();
        _shutdown.Dispose();
    }
}
