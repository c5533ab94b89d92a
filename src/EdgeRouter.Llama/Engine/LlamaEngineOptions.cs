using EdgeRouter.Gguf;

namespace EdgeRouter.Llama.Engine;

/// <summary>How to load one model into one llama.cpp context.</summary>
public sealed record LlamaEngineOptions
{
    /// <summary>Path of the GGUF model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>
    /// The header of <see cref="ModelPath"/> when the caller has already read it from its full path (the server's start
    /// checks do): the load checks that one instead of parsing the file again. <value>Default: null = read <see cref="ModelPath"/>.</value>
    /// </summary>
    public GgufFile? Header { get; init; }

    /// <summary>
    /// Directory holding libllama.v0.5.0.so, libggml*.so and the libggml-cpu-*.so variants.
    /// <value>Default: the application directory, where build/NativeLibs.targets copies them.</value>
    /// </summary>
    public string? LibraryDirectory { get; init; }

    /// <summary>
    /// An explicit libllama file (e.g. a CUDA build at /opt/llama/libllama.so); its ggml libraries and backends are
    /// loaded from the same directory. Wins over <see cref="LibraryDirectory"/>.
    /// </summary>
    public string? LibraryPath { get; init; }

    /// <summary>n_ctx: tokens of prompt plus completion the KV cache holds. <value>Default: 2048.</value></summary>
    public int ContextLength { get; init; } = 2048;

    /// <summary>Element type of the KV cache. <value>Default: f16 (llama.cpp's default).</value></summary>
    public LlamaKvCacheType KvCacheType { get; init; } = LlamaKvCacheType.F16;

    /// <summary>Compute threads for decode and prompt. <value>Default: null = physical cores.</value></summary>
    public int? Threads { get; init; }

    /// <summary>n_batch: prompt tokens per llama_decode call. <value>Default: 512.</value></summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Layers offloaded to a GPU backend, if any is loaded. <value>Default: null = llama.cpp's default (all).</value></summary>
    public int? GpuLayers { get; init; }

    /// <summary>
    /// Keep the KV entries of the prompt prefix a request shares with the previous one (system prompt, earlier chat
    /// turns) instead of re-evaluating it. llama.cpp's kernels are not bit-identical across batch shapes, so with
    /// reuse a greedy completion can differ from a cold run when two candidates' logits nearly tie (as in
    /// random-weight test models); turn it off for bit-reproducible output at the cost of full prompt evaluation.
    /// <value>Default: true.</value>
    /// </summary>
    public bool ReusePromptPrefix { get; init; } = true;

    /// <summary>Name the API reports. <value>Default: the model file name without extension.</value></summary>
    public string? ModelName { get; init; }

    /// <summary>Source of <see cref="EdgeRouter.Core.Inference.ModelInfo.LoadedAt"/>. <value>Default: <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
