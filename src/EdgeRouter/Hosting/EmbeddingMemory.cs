using EdgeRouter.Gguf;
using EdgeRouter.Host.Config;
using EdgeRouter.Llama.Engine;
using EdgeRouter.Memory;
using EdgeRouter.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// The memory guard's view of a separate embedding model: its weights plus a cache for its window, checked before it
/// loads, and taken out of what the chat model may use so the automatic window of the chat model leaves room for it.
/// </summary>
internal static class EmbeddingMemory
{
    /// <summary>The guard's verdict on the embedding model; null when none is configured or its header is unreadable.</summary>
    public static MemoryCheck? Check(RouterConfig config, MemoryReading memory) =>
        Request(config) is { } request ? MemoryGuard.Check(request, memory, ModelMemoryCheck.Options(config)) : null;

    /// <exception cref="ModelTooLargeException">The embedding model is known not to fit.</exception>
    public static void Ensure(RouterConfig config, MemoryReading memory, ILogger logger)
    {
        if (Check(config, memory) is not { } check)
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
    public static MemoryReading AfterEmbedding(RouterConfig config, MemoryReading memory)
    {
        if (Request(config) is not { } request)
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

    private static ModelMemoryRequest? Request(RouterConfig config)
    {
        if (config.Embedding.Path is not { } path)
        {
            return null;
        }

        try
        {
            var file = GgufFile.Read(path);
            var name = config.Embedding.Name ?? Path.GetFileNameWithoutExtension(path);
            return new ModelMemoryRequest(name, file.FileSize, LlamaEmbedder.DefaultWindow, ModelMemoryCheck.ShapeOf(file));
        }
        catch (Exception ex) when (ex is GgufFormatException or IOException or UnauthorizedAccessException)
        {
            // The start check names the broken file; here it just takes no memory.
            return null;
        }
    }
}
