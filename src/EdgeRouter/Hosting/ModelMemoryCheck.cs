using EdgeRouter.Gguf;
using EdgeRouter.Host.Config;
using EdgeRouter.Edge.Memory;
using EdgeRouter.Edge.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// The memory guard in the load path: chooses the context window (the configured one, or the largest that fits),
/// sizes weights + KV cache from the GGUF header and refuses the load before llama.cpp allocates, so an oversized
/// model fails with a sentence in /readyz instead of an OOM kill.
/// </summary>
internal static class ModelMemoryCheck
{
    private const long BytesPerMiB = 1024 * 1024;

    /// <param name="file">The header of <see cref="ModelConfig.Path"/>, read once for the whole start.</param>
    /// <returns>The config with the chosen window in <see cref="ModelConfig.ContextLength"/>.</returns>
    /// <exception cref="ModelTooLargeException">The model is known not to fit.</exception>
    public static RouterConfig Ensure(GgufFile file, RouterConfig config, MemoryReading memory, ILogger logger)
    {
        var path = config.Model.Path ?? throw new ArgumentException("No model path configured.", nameof(config));
        var plan = Plan(file, path, config, memory);
        if (!plan.Check.Fits)
        {
            throw new ModelTooLargeException(plan.Check);
        }
        HostLog.MemoryChecked(logger, plan.Summary);
        return config with { Model = config.Model with { ContextLength = plan.Context.Tokens } };
    }

    /// <summary>The guard's plan for an already-read header; `edgerouter check` reports it without loading.</summary>
    public static MemoryPlan Plan(GgufFile file, string path, RouterConfig config, MemoryReading memory)
    {
        var request = new ModelMemoryRequest(config.Model.Name ?? Path.GetFileNameWithoutExtension(path), file.FileSize,
            ConfigLimits.DefaultContextLength, ShapeOf(file));
        return Plan(request, Trained(file.ContextLength), config, memory);
    }

    /// <summary>The demo model's plan from its spec, so `edgerouter check` can report it before it was ever generated.</summary>
    public static MemoryPlan PlanDemo(RouterConfig config, MemoryReading memory)
    {
        var shape = DemoModel.Spec.Shape;
        var request = new ModelMemoryRequest(DemoModel.Name, ModelGenerator.ComputeFileSize(DemoModel.Spec), ConfigLimits.DefaultContextLength,
            new KvCacheShape(shape.BlockCount, shape.HeadCountKv, shape.HeadDimension, shape.HeadDimension));
        return Plan(request, shape.ContextLength, config, memory);
    }

    private static MemoryPlan Plan(ModelMemoryRequest request, int? trained, RouterConfig config, MemoryReading memory)
    {
        var options = Options(config);
        var choice = config.Model.ContextLength is { } configured
            ? new ContextChoice(configured, "configured by model.contextLength / --ctx")
            : ContextFit.Choose(request, memory, options, trained, config.Model.MaxContextLength, ConfigLimits.MinAutomaticContextLength);
        var check = MemoryGuard.Check(request with { ContextLength = choice.Tokens }, memory, options);
        return new MemoryPlan(choice, check, config.Model.KvCacheType);
    }

    /// <summary>The guard's settings for this config: its margin, and the KV element size of the configured cache type.</summary>
    public static MemoryGuardOptions Options(RouterConfig config) => new()
    {
        MarginBytes = config.MemoryGuard.MarginMiB * BytesPerMiB,
        KvBytesPerElement = config.Model.KvCacheType.BytesPerElement(),
    };

    internal static KvCacheShape? ShapeOf(GgufFile file)
    {
        if (file.Architecture is not { } arch)
        {
            return null;
        }
        return KvCacheShape.FromMetadata(
            Signed(file.BlockCount), Signed(file.HeadCount), Signed(file.GetUInt64(GgufKeys.HeadCountKv(arch))),
            Signed(file.EmbeddingLength),
            Signed(file.GetUInt64(arch + ".attention.key_length")), Signed(file.GetUInt64(arch + ".attention.value_length")));
    }

    private static int? Trained(ulong? value) => value is { } v && v <= int.MaxValue ? (int)v : null;

    private static long? Signed(ulong? value) => value is { } v && v <= long.MaxValue ? (long)v : null;
}

/// <summary>The window chosen for a load and the guard's verdict on it.</summary>
internal sealed record MemoryPlan(ContextChoice Context, MemoryCheck Check, KvCacheType KvCacheType)
{
    /// <summary>One line: the window, why, and the memory it needs, for the log and `edgerouter check`.</summary>
    public string Summary => $"context {Context.Tokens} tokens with a {KvCacheType.Name()} KV cache ({Context.Reason}); {Check.Message}";
}
