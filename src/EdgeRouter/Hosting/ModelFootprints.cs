using System.Collections.Concurrent;
using EdgeRouter.Gguf;
using EdgeRouter.Host.Config;
using EdgeRouter.Core.Inference;
using EdgeRouter.Edge.Memory;

namespace EdgeRouter.Host.Hosting;

/// <summary>What a loaded model occupies: weights plus its KV cache at the allocated window, by the guard's arithmetic.</summary>
/// <param name="KvEstimated">True when the header gave no KV shape (or could not be read) and the cache was estimated from the file size.</param>
public sealed record ModelFootprint(long WeightsBytes, long KvCacheBytes, bool KvEstimated, KvCacheType KvCacheType)
{
    public long TotalBytes => WeightsBytes + KvCacheBytes;
}

/// <summary>
/// Footprints for /api/ps and /readyz, from the same arithmetic the memory guard used at load, so the figures agree with
/// `edgerouter check`. The GGUF header is read once per file (a large vocabulary makes it megabytes).
/// </summary>
public sealed class ModelFootprints(RouterConfig config)
{
    private readonly ConcurrentDictionary<(string Path, int Context), ModelFootprint> _cache = new();

    public ModelFootprint For(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _cache.GetOrAdd((model.Path, model.ContextLength), _ => Compute(model));
    }

    private ModelFootprint Compute(ModelInfo model)
    {
        KvCacheShape? shape = null;
        try
        {
            if (File.Exists(model.Path))
            {
                shape = ModelMemoryCheck.ShapeOf(GgufFile.Read(model.Path));
            }
        }
        catch (Exception ex) when (ex is GgufFormatException or IOException or UnauthorizedAccessException)
        {
            // Estimate from the file size, as the guard does for a header without a KV shape.
        }
        var request = new ModelMemoryRequest(model.Name, model.FileBytes, Math.Max(1, model.ContextLength), shape);
        var (kv, estimated) = MemoryGuard.KvCacheBytes(request, ModelMemoryCheck.Options(config));
        return new ModelFootprint(model.FileBytes, kv, estimated, config.Model.KvCacheType);
    }
}
