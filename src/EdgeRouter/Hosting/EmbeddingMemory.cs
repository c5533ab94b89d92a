using EdgeRouter.Gguf;
using EdgeRouter.Host.Config;
using EdgeRouter.Llama.Engine;
using EdgeRouter.Edge.Memory;
using EdgeRouter.Edge.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// The memory guard's view of a separate embedding model: its weights plus a cache for its window, checked before it
/// loads, and taken out of what the chat model may use so the automatic window of the chat model leaves room for it.
/// </summary>
internal static class EmbeddingMemory
{
    /// <summary>The guard's verdict on the embedding model; null when none is configured or its header is unreadable.</summary>
    /// <param name="header">The embedding model's header, as the start checks read it (<see cref="EdgeRouter.Host.Check.ModelHeaders.Embedding"/>).</param>
    public static MemoryCheck? Check(GgufFile? header, RouterConfig config, MemoryReading memory) =>
        Request(header, config) is { } request ? MemoryGuard.Check(request, memory, ModelMemoryCheck.Options(config)) : null;

    /// <exception cref="ModelTooLargeException">The embedding model is known not to fit.</exception>
    public static void Ensure(GgufFile header, RouterConfig config, MemoryReading memory, ILogger logger)
    {
        if (Check(header, config, memory) is not { } check)
        {
            return;
        }

        if (!check.Fits)
        {
            throw new ModelTooLargeException(check);
        }

        HostLog.MemoryChecked(logger, "embedding " + check.Message);
    }

    /// <summary><paramref name="memory"/> less the embedding model's weights and cache, as if it were already loaded.</summary>
    public static MemoryReading AfterEmbedding(GgufFile? header, RouterConfig config, MemoryReading memory)
    {
        if (Request(header, config) is not { } request)
        {
            return memory;
        }

        var (kv, _) = MemoryGuard.KvCacheBytes(request, ModelMemoryCheck.Options(config));
        var bytes = request.FileBytes + kv;
        return memory with
        {
            AvailableBytes = memory.AvailableBytes is { } available ? Math.Max(0, available - bytes) : null,
            CgroupCurrentBytes = memory.CgroupLimitBytes is null ? memory.CgroupCurrentBytes : (memory.CgroupCurrentBytes ?? 0) + bytes,
        };
    }

    /// <summary>Null without a header: none configured, or the start check named the unreadable file and it takes no memory.</summary>
    private static ModelMemoryRequest? Request(GgufFile? header, RouterConfig config)
    {
        if (header is null || config.Embedding.Path is not { } path)
        {
            return null;
        }

        var name = config.Embedding.Name ?? Path.GetFileNameWithoutExtension(path);
        return new ModelMemoryRequest(name, header.FileSize, LlamaEmbedder.DefaultWindow, ModelMemoryCheck.ShapeOf(header));
    }
}
