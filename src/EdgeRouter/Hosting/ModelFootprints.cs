using System.Collections.Concurrent;
using EdgeRouter.Gguf;
using EdgeRouter.Host.Check;
using EdgeRouter.Host.Config;
using EdgeRouter.Core.Inference;
using EdgeRouter.Edge.Memory;

namespace EdgeRouter.Host.Hosting;

/// <summary>What a loaded model occupies: weights plus its KV cache at the allocated window, by the guard's arithmetic.</summary>
/// <param name="KvEstimated">True when the header gave no KV shape (or none was read this start) and the cache was estimated from the file size.</param>
public sealed record ModelFootprint(long WeightsBytes, long KvCacheBytes, bool KvEstimated, KvCacheType KvCacheType)
{
    public long TotalBytes => WeightsBytes + KvCacheBytes;
}

/// <summary>
/// Footprints for /api/ps and /readyz, from the same arithmetic the memory guard used at load, so the figures agree with
/// `edgerouter check`. They go on with the headers the start already read (<see cref="ModelHeaders"/>, and the demo
/// model's at its load), never with the file: a header with a large vocabulary is megabytes, and the file may have
/// changed since the load.
/// </summary>
public sealed class ModelFootprints
{
    private readonly RouterConfig _config;
    // Only the shapes: a handful of numbers, where a kept header would hold its whole vocabulary.
    private readonly ConcurrentDictionary<string, KvCacheShape?> _shapes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, int Context), ModelFootprint> _cache = new();

    public ModelFootprints(RouterConfig config, ModelHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _config = config;
        Remember(headers.Model);
        Remember(headers.Embedding);
    }

    /// <summary>Keeps the KV shape of a header read during the start (the engine reports the path it was read from).</summary>
    public void Remember(GgufFile? header)
    {
        if (header?.Path is { } path)
        {
            _shapes[path] = ModelMemoryCheck.ShapeOf(header);
        }
    }

    public ModelFootprint For(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _cache.GetOrAdd((model.Path, model.ContextLength), _ => Compute(model));
    }

    private ModelFootprint Compute(ModelInfo model)
    {
        // No header from this start (an injected generator): estimate from the file size, as the guard does for a
        // header without a KV shape.
        var shape = _shapes.TryGetValue(model.Path, out var known) ? known : null;
        var request = new ModelMemoryRequest(model.Name, model.FileBytes, Math.Max(1, model.ContextLength), shape);
        var (kv, estimated) = MemoryGuard.KvCacheBytes(request, ModelMemoryCheck.Options(_config));
        return new ModelFootprint(model.FileBytes, kv, estimated, _config.Model.KvCacheType);
    }
}
