using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Gate;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Core.Local;

/// <summary>
/// Embeddings on this board: a separate embedding model loaded next to the chat model, or else the chat model's own
/// pooling through a second small context created on first use. Runs on its own thread behind its own single-slot
/// gate, so a burst of embedding calls queues (and is refused) there and never takes the chat slot.
/// </summary>
public sealed partial class LocalEmbeddings : IEmbeddingService, IDisposable
{
    private readonly ILogger _logger;
    private readonly InferenceGate _gate;
    private readonly InferenceWorker _worker;
    private readonly LocalModelHost _chat;
    private volatile IEmbedder? _embedder;
    private volatile ReadinessStatus? _separate;
    private int _disposed;

    /// <param name="queueLength">Callers that may wait for the embedding slot.</param>
    public LocalEmbeddings(int queueLength, TimeProvider time, LocalModelHost chat, ILogger<LocalEmbeddings> logger)
    {
        _gate = new InferenceGate(GateOptionsFor(queueLength), time);
        _worker = new InferenceWorker(time, "edgerouter-embed");
        _chat = chat;
        _logger = logger;
    }

    public InferenceGate Gate => _gate;

    public bool IsSeparateModel => _separate is not null;

    public ModelInfo? Model => _embedder?.Model ?? (_separate is null && _chat.Generator is { } chat and IEmbeddingSource
        ? chat.Model with { Capabilities = chat.Model.Capabilities | ModelCapabilities.Embedding }
        : null);

    /// <summary>Loads a separate embedding model on the embedding thread; the task completes when it is ready or failed.</summary>
    public Task LoadAsync(string description, Func<IEmbedder> load)
    {
        _separate = new ReadinessStatus(ReadinessState.Loading, $"loading the embedding model {description}");
        return _worker.Run(() =>
        {
            try
            {
                var embedder = load();
                _embedder = embedder;
                _separate = new ReadinessStatus(ReadinessState.Ready, $"serving embeddings with {embedder.Model.Name}");
                LogLoaded(_logger, embedder.Model.Name, embedder.Dimensions, embedder.Window, "a separate embedding model");
            }
            catch (Exception ex)
            {
                _separate = new ReadinessStatus(ReadinessState.Failed, $"the embedding model failed to load: {ex.Message}");
                LogLoadFailed(_logger, description, ex.Message);
            }
            return true;
        });
    }

    public async ValueTask<EmbeddingOutcome> EmbedAsync(string requestedModel, EmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Unavailable() is { } unavailable)
        {
            return new EmbeddingOutcome.Refused(unavailable);
        }

        var model = Model!;
        if (!ModelName.Names(model.Name, requestedModel))
        {
            return new EmbeddingOutcome.Refused(new Admission.UnknownModel(requestedModel, [model.Name]));
        }

        // The gate's Retry-After arithmetic counts in "tokens"; here one token is one input (see GateOptionsFor).
        var gate = await _gate.AcquireAsync(Math.Max(1, request.Inputs.Count), cancellationToken).ConfigureAwait(false);
        if (gate.Lease is not { } lease)
        {
            return new EmbeddingOutcome.Refused(new Admission.Busy(gate.RetryAfter, gate.Reason ?? "busy"));
        }

        try
        {
            var result = await _worker.Run(() =>
            {
                var embedder = _embedder ??= CreateFromChat();
                return embedder.Embed(request, cancellationToken);
            }).ConfigureAwait(false);
            return new EmbeddingOutcome.Embedded(_embedder!.Model, result);
        }
        catch (PromptTooLongException tooLong)
        {
            return new EmbeddingOutcome.Refused(new Admission.PromptTooLong(tooLong.PromptTokens, tooLong.ContextLength));
        }
        finally
        {
            lease.Dispose();
        }
    }

    /// <summary>Idempotent: the host's container and the local tier's runtime both hold it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _worker.Dispose();
        _embedder?.Dispose();
        _gate.Dispose();
    }

    /// <summary>
    /// The chat gate's type with embedding figures: a "token" is one input, a short wait, and a Retry-After measured
    /// in the seconds a small batch takes rather than a generation.
    /// </summary>
    public static GateOptions GateOptionsFor(int queueLength) => new()
    {
        QueueLength = queueLength,
        MaxWait = TimeSpan.FromSeconds(5),
        MaxRetryAfter = TimeSpan.FromSeconds(10),
        InitialTokensPerSecond = 16,
        AssumedCompletionTokens = 8,
        SlotName = "the embedding model",
    };

    private Admission? Unavailable()
    {
        if (_separate is { } separate)
        {
            return separate.State == ReadinessState.Ready
                ? null
                : new Admission.Unavailable(TimeSpan.FromSeconds(separate.State == ReadinessState.Loading ? 2 : 30), separate.Reason);
        }

        var chat = _chat.Status;
        return _chat.Generator switch
        {
            null => new Admission.Unavailable(TimeSpan.FromSeconds(chat.State == ReadinessState.Loading ? 2 : 30), chat.Reason),
            IEmbeddingSource => null,
            _ => new Admission.Unavailable(TimeSpan.FromSeconds(30), "the chat model cannot embed and no embedding model is configured (embedding.path)"),
        };
    }

    private IEmbedder CreateFromChat()
    {
        var embedder = ((IEmbeddingSource)_chat.Generator!).CreateEmbedder();
        LogLoaded(_logger, embedder.Model.Name, embedder.Dimensions, embedder.Window, "the chat model's pooling");
        return embedder;
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information,
        Message = "Embeddings served by {Name} ({Source}): {Dimensions} dimensions, up to {Window} tokens per input")]
    private static partial void LogLoaded(ILogger logger, string name, int dimensions, int window, string source);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Embedding model {Description} failed to load: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string description, string reason);
}
