using System.Diagnostics;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Gguf;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Native;
using EdgeRouter.Llama.Runtime;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// One GGUF model in one llama.cpp context, generating on the calling thread. Not thread-safe by design (the
/// inference gate serialises calls); overlapping calls are detected and rejected rather than corrupting native state.
/// </summary>
public sealed partial class LlamaEngine : ITextGenerator, IEmbeddingSource
{
    private readonly ILogger _logger;
    private readonly LlamaModelHandle _model;
    private readonly LlamaContextHandle _context;
    private readonly IntPtr _vocab;
    private readonly int _vocabSize;
    private readonly IntPtr _memory;
    private readonly AbortFlag _abort;
    private readonly GgmlThreadpool? _threadpool;
    private readonly int _contextLength;
    private readonly int _batchSize;
    private readonly bool _reusePrefix;
    private readonly TimeProvider _time;
    private readonly PromptRenderer _renderer;
    private readonly TokenPieceReader _pieces;
    private readonly int[] _toolMarkers;
    private readonly LogprobReader _logprobs;
    private readonly StopStringFilter _stops = new();
    private readonly KvTokenMirror _cached = new();
    private int[] _promptTokens = new int[512];

    // Counting runs on request threads while a generation may hold the engine: its own renderer and buffer, one count
    // at a time, and Dispose takes this lock before freeing the model (llama_tokenize only reads the vocabulary).
    private readonly Lock _countLock = new();
    private readonly PromptRenderer _countRenderer;
    private int[] _countTokens = new int[512];

    /// <summary>Built on the first grammar request (one pass over the vocabulary), then shared by all.</summary>
    private Utf8Guard? _utf8Guard;
    private TokenPrefixTree? _prefixTree;

    /// <summary>The embedding context on this model's weights, when one was asked for; freed before the weights.</summary>
    private LlamaEmbedder? _embedder;
    private int _busy;
    private int _disposed;

    private LlamaEngine(
        ILogger logger, LlamaModelHandle model, LlamaContextHandle context, AbortFlag abort, GgmlThreadpool? threadpool,
        LlamaEngineOptions options, int threads, ModelInfo info)
    {
        _logger = logger;
        _model = model;
        _context = context;
        _abort = abort;
        _threadpool = threadpool;
        _vocab = LlamaNative.llama_model_get_vocab(model);
        _vocabSize = LlamaNative.llama_vocab_n_tokens(_vocab);
        _memory = LlamaNative.llama_get_memory(context);
        _contextLength = (int)LlamaNative.llama_n_ctx(context);
        _batchSize = (int)LlamaNative.llama_n_batch(context);
        _reusePrefix = options.ReusePromptPrefix;
        _time = options.TimeProvider;
        _renderer = new PromptRenderer(model, _vocab, options.TimeProvider, logger);
        // The same template again, quietly: its load lines were written once, by the generation's renderer.
        _countRenderer = new PromptRenderer(model, _vocab, options.TimeProvider, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        _pieces = new TokenPieceReader(_vocab);
        _toolMarkers = ToolMarkerTokens.Find(_vocab, _renderer.ToolSyntax);
        _logprobs = new LogprobReader(_pieces);
        Threads = threads;
        Model = info with
        {
            ChatTemplateFormat = _renderer.Format,
            Capabilities = _renderer.SupportsTools ? info.Capabilities | ModelCapabilities.Tools : info.Capabilities,
        };
    }

    public ModelInfo Model { get; }

    /// <summary>Compute threads the context uses.</summary>
    public int Threads { get; }

    /// <summary>
    /// Initializes the llama runtime (once per process), validates the GGUF, loads the model and creates its context.
    /// </summary>
    /// <exception cref="LlamaLibraryException">The native libraries are missing or of the wrong version.</exception>
    /// <exception cref="FileNotFoundException">No model file.</exception>
    /// <exception cref="EdgeRouter.Gguf.GgufFormatException">The file is not a GGUF model llama.cpp can run.</exception>
    /// <exception cref="LlamaException">llama.cpp could not load the model or create the context.</exception>
    public static LlamaEngine Load(LlamaEngineOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ContextLength, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        if (options.Threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be at least 1.");
        }

        LlamaRuntime.Initialize(options.LibraryPath, options.LibraryDirectory, logger);
        var started = Stopwatch.GetTimestamp();
        var path = Path.GetFullPath(options.ModelPath);
        var gguf = ModelPreflight.Validate(options, path, embeddings: false);
        var threads = options.Threads ?? PhysicalCores.Detect();
        var model = ModelLoader.Load(path, options, "model", logger);
        LlamaContextHandle? context = null;
        AbortFlag? abort = null;
        GgmlThreadpool? threadpool = null;
        try
        {
            abort = new AbortFlag();
            context = CreateContext(model, options, threads, abort);
            threadpool = AttachThreadpool(context, threads, logger);
            var name = string.IsNullOrWhiteSpace(options.ModelName) ? Path.GetFileNameWithoutExtension(path) : options.ModelName;
            var info = ModelInfoReader.Read(
                model, context, gguf, name, options.TimeProvider.GetUtcNow(), Stopwatch.GetElapsedTime(started));
            var engine = new LlamaEngine(logger, model, context, abort, threadpool, options, threads, info);
            LlamaEngineLog.Loaded(
                logger, name, info.Architecture, info.Quantization, info.ParameterCount, (long)info.LoadDuration.TotalMilliseconds,
                engine._contextLength, engine._batchSize, threads);
            return engine;
        }
        catch
        {
            context?.Dispose();
            model.Dispose();
            threadpool?.Dispose();
            abort?.Dispose();
            throw;
        }
    }

    /// <summary>Safe to call from any thread, also while a generation runs (the router counts before admission).</summary>
    public int CountPromptTokens(GenerationRequest request)
    {
        lock (_countLock)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return Tokenizer.Tokenize(_vocab, _countRenderer.Render(request), ref _countTokens);
        }
    }

    /// <summary>Embeds with the model's pooling (mean when it declares none) in its own small context.</summary>
    public IEmbedder CreateEmbedder()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _embedder ??= LlamaEmbedder.OnLoadedModel(_model, Model, Threads, _time, _logger);
    }

    /// <summary>
    /// Waits for a running generation to notice the abort, then frees context and model. Further calls throw
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _abort.Set();
        var spin = default(SpinWait);
        while (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            spin.SpinOnce();
        }

        lock (_countLock)
        {
            _embedder?.Dispose();
            _context.Dispose();
            _model.Dispose();
        }
        _threadpool?.Dispose();
        _abort.Dispose();
    }

    private void Enter()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            throw new InvalidOperationException(
                "LlamaEngine is already running a request on another thread; calls must be serialised by the inference gate.");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);

    private static GgmlThreadpool? AttachThreadpool(LlamaContextHandle context, int threads, ILogger logger)
    {
        var threadpool = GgmlThreadpool.TryCreate(threads);
        if (threadpool is null)
        {
            LlamaEngineLog.NoPersistentThreadpool(logger, threads);
            return null;
        }

        // One pool for prompt and decode: they never run at the same time in a single-sequence context.
        context.Attach(threadpool);
        return threadpool;
    }

    private static unsafe LlamaContextHandle CreateContext(LlamaModelHandle model, LlamaEngineOptions options, int threads, AbortFlag abort)
    {
        var parameters = LlamaNative.llama_context_default_params();
        parameters.n_ctx = (uint)options.ContextLength;
        parameters.n_batch = (uint)options.BatchSize;
        // The compute buffer grows with the micro-batch (300 MiB at 512 for a 152k vocab); 512 is llama.cpp's default.
        parameters.n_ubatch = (uint)Math.Min(options.BatchSize, 512);
        parameters.n_seq_max = 1;
        parameters.n_threads = threads;
        parameters.n_threads_batch = threads;
        parameters.no_perf = false;
        if (options.KvCacheType != LlamaKvCacheType.F16)
        {
            var type = options.KvCacheType == LlamaKvCacheType.Q8_0 ? GgmlType.Q8_0 : GgmlType.Q4_0;
            parameters.type_k = type;
            parameters.type_v = type;
            // llama.cpp refuses a quantized V cache without flash attention; say so instead of relying on "auto".
            parameters.flash_attn_type = LlamaFlashAttnType.Enabled;
        }

        return LlamaContextHandle.TryCreate(model, parameters, abort)
            ?? throw new LlamaException(
                $"llama.cpp could not create a context of {options.ContextLength} tokens for {options.ModelPath} " +
                "(usually not enough memory for the KV cache); the llama.cpp log above says why.");
    }
}
