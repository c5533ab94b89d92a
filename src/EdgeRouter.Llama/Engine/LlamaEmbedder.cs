using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Native;
using EdgeRouter.Llama.Runtime;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// A small llama.cpp context with embeddings on: an embedding model of its own (BERT-family encoders, or decoders
/// with a pooling type), or a second context on a loaded chat model. Not thread-safe: the embedding gate serialises
/// calls.
/// </summary>
public sealed partial class LlamaEmbedder : IEmbedder
{
    /// <summary>
    /// Tokens per input and per llama.cpp call. Encoders attend over the whole batch at once (n_ubatch must hold it,
    /// or llama.cpp aborts), so the compute buffer grows with its square; 512 is BERT's trained window.
    /// </summary>
    public const int DefaultWindow = 512;

    /// <summary>Sequences packed into one call: a batch of 32 short texts costs one encode.</summary>
    public const int MaxSequences = 32;

    /// <summary>Holds its own reference on the weights, so they stay loaded while this embedder has its context.</summary>
    private readonly LlamaContextHandle _context;
    private readonly IntPtr _memory;
    private readonly IntPtr _vocab;
    private readonly int _vocabSize;
    private readonly bool _useEncode;
    private readonly TimeProvider _time;
    private readonly LlamaBatchHandle _batch;
    private int[] _tokens = new int[DefaultWindow];
    private int _disposed;

    /// <summary>Takes ownership of <paramref name="context"/>.</summary>
    private LlamaEmbedder(LlamaModelHandle model, LlamaContextHandle context, ModelInfo info, TimeProvider time, ILogger logger)
    {
        _time = time;
        _context = context;
        _memory = LlamaNative.llama_get_memory(context);
        _vocab = LlamaNative.llama_model_get_vocab(model);
        _vocabSize = LlamaNative.llama_vocab_n_tokens(_vocab);
        _useEncode = LlamaNative.llama_model_has_encoder(model);
        Window = (int)LlamaNative.llama_n_ctx(context);
        Dimensions = LlamaNative.llama_model_n_embd_out(model);
        Pooling = LlamaNative.llama_pooling_type(context) switch
        {
            LlamaPoolingType.Cls => "cls",
            LlamaPoolingType.Last => "last",
            _ => "mean",
        };
        _batch = LlamaBatchHandle.Allocate(Window, sequencesPerToken: 1);
        Model = info with { Capabilities = info.Capabilities | ModelCapabilities.Embedding };
        LlamaEngineLog.EmbeddingContext(logger, info.Name, Pooling, Dimensions, Window, _useEncode ? "llama_encode" : "llama_decode");
    }

    public ModelInfo Model { get; }

    public int Dimensions { get; }

    public int Window { get; }

    /// <summary>How token vectors become one vector per input: "mean", "cls" or "last".</summary>
    public string Pooling { get; }

    /// <summary>Loads an embedding model file into its own context.</summary>
    /// <exception cref="LlamaLibraryException">The native libraries are missing or of the wrong version.</exception>
    /// <exception cref="FileNotFoundException">No model file.</exception>
    /// <exception cref="EdgeRouter.Gguf.GgufFormatException">Not a GGUF model llama.cpp can embed with.</exception>
    /// <exception cref="LlamaException">llama.cpp could not load it, or it has no pooling an embedding can use.</exception>
    public static LlamaEmbedder Load(LlamaEngineOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        LlamaRuntime.Initialize(options.LibraryPath, options.LibraryDirectory, logger);
        var started = options.TimeProvider.GetTimestamp();
        var path = Path.GetFullPath(options.ModelPath);
        var gguf = ModelPreflight.Validate(options, path, embeddings: true);
        // Released on return: the context keeps the weights loaded for as long as the embedder lives.
        using var model = ModelLoader.Load(path, options, "embedding model", progressLog: null);
        // Never past the trained window: BERT's position embeddings have exactly that many rows.
        var window = Math.Min(options.ContextLength, Math.Min(DefaultWindow, LlamaNative.llama_model_n_ctx_train(model)));
        var context = CreateContext(model, options.Threads ?? PhysicalCores.Detect(), window);
        try
        {
            var name = string.IsNullOrWhiteSpace(options.ModelName) ? Path.GetFileNameWithoutExtension(path) : options.ModelName;
            var info = ModelInfoReader.Read(model, context, gguf, name, options.TimeProvider.GetUtcNow(), options.TimeProvider.GetElapsedTime(started))
                with { Capabilities = ModelCapabilities.Embedding };
            return new LlamaEmbedder(model, context, info, options.TimeProvider, logger);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>A second context on a chat model's weights, which it keeps loaded until it is disposed.</summary>
    internal static LlamaEmbedder OnLoadedModel(LlamaModelHandle model, ModelInfo info, int threads, TimeProvider time, ILogger logger)
    {
        var context = CreateContext(model, threads, Math.Min(info.TrainContextLength, DefaultWindow));
        try
        {
            return new LlamaEmbedder(model, context, info, time, logger);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _batch.Dispose();
        _context.Dispose();
    }

    private static LlamaContextHandle CreateContext(LlamaModelHandle model, int threads, int window)
    {
        var pooling = ModelPooling(model);
        if (pooling == LlamaPoolingType.Rank)
        {
            throw new LlamaException("The model is a reranker (rank pooling), not an embedding model.");
        }

        var parameters = LlamaNative.llama_context_default_params();
        parameters.n_ctx = (uint)window;
        parameters.n_batch = (uint)window;
        parameters.n_ubatch = (uint)window;
        parameters.n_seq_max = MaxSequences;
        // One cache for all sequences, so any one input may use the whole window (a decoder's pooled embeddings).
        parameters.kv_unified = true;
        parameters.n_threads = threads;
        parameters.n_threads_batch = threads;
        parameters.embeddings = true;
        // A chat model declares no pooling; the mean of its token vectors is what llama-server's --pooling mean gives.
        parameters.pooling_type = pooling is LlamaPoolingType.None or LlamaPoolingType.Unspecified ? LlamaPoolingType.Mean : pooling;
        return LlamaContextHandle.TryCreate(model, parameters)
            ?? throw new LlamaException($"llama.cpp could not create an embedding context of {window} tokens; the llama.cpp log above says why.");
    }

    /// <summary>{arch}.pooling_type from the GGUF; Unspecified when the model names none (every chat model).</summary>
    private static unsafe LlamaPoolingType ModelPooling(LlamaModelHandle model)
    {
        const int Capacity = 64;
        var buffer = stackalloc byte[Capacity];
        if (LlamaNative.llama_model_meta_val_str(model, "general.architecture", buffer, Capacity) < 0)
        {
            return LlamaPoolingType.Unspecified;
        }

        var key = NativeText.Utf8(buffer) + ".pooling_type";
        return LlamaNative.llama_model_meta_val_str(model, key, buffer, Capacity) >= 0
            && int.TryParse(NativeText.Utf8(buffer), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? (LlamaPoolingType)value
            : LlamaPoolingType.Unspecified;
    }
}
