using EdgeRouter.Edge.Telemetry;

namespace EdgeRouter.Edge.Memory;

/// <summary>
/// Refuses a model that cannot fit, before llama.cpp allocates and the OOM killer picks a victim:
/// need = file bytes + KV cache (n_ctx × layers × kv heads × (k + v) × bytes per element) + margin,
/// compared with MemAvailable capped by the service's cgroup headroom.
/// </summary>
public static class MemoryGuard
{
    public static MemoryCheck Check(ModelMemoryRequest model, MemoryReading memory, MemoryGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(model.FileBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.ContextLength);

        var (kv, estimated) = KvCacheBytes(model, options);
        var required = model.FileBytes + kv + options.MarginBytes;
        var available = memory.EffectiveAvailableBytes;
        var breakdown = $"weights {ByteSize.Format(model.FileBytes)} + KV cache {(estimated ? "~" : string.Empty)}{ByteSize.Format(kv)} " +
                        $"for {model.ContextLength} tokens + margin {ByteSize.Format(options.MarginBytes)}";

        if (available is not { } avail)
        {
            return new MemoryCheck(true, required, model.FileBytes, kv, estimated, options.MarginBytes, null,
                $"model '{model.Name}' needs about {ByteSize.Format(required)} ({breakdown}); available memory is unknown, not checked");
        }
        if (required <= avail)
        {
            return new MemoryCheck(true, required, model.FileBytes, kv, estimated, options.MarginBytes, avail,
                $"model '{model.Name}' needs about {ByteSize.Format(required)} ({breakdown}); {ByteSize.Format(avail)} available: ok");
        }
        return new MemoryCheck(false, required, model.FileBytes, kv, estimated, options.MarginBytes, avail,
            $"model '{model.Name}' does not fit in memory: it needs about {ByteSize.Format(required)} ({breakdown}) " +
            $"but only {ByteSize.Format(avail)} is available ({memory.EffectiveAvailableSource}). " +
            "Use a smaller model or quantization, lower model.contextLength, or free memory (raise MemoryMax= if the service's limit is the cap).");
    }

    public static (long Bytes, bool Estimated) KvCacheBytes(ModelMemoryRequest model, MemoryGuardOptions options)
    {
        if (model.Shape is { } shape)
        {
            return ((long)Math.Ceiling(shape.ElementsPerToken * (double)model.ContextLength * options.KvBytesPerElement), false);
        }
        var estimate = model.FileBytes * options.EstimatedKvFractionPer4096Tokens * (model.ContextLength / 4096.0);
        return ((long)Math.Ceiling(estimate), true);
    }
}
