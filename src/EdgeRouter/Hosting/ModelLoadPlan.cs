using EdgeRouter.Gguf;
using EdgeRouter.Host.Check;
using EdgeRouter.Host.Config;
using EdgeRouter.Core.Inference;
using EdgeRouter.Edge.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>What the local tier loads: an injected generator, the configured GGUF, or the generated demo model.</summary>
internal sealed record ModelLoadPlan(string Description, Func<ITextGenerator> Load)
{
    /// <param name="models">The headers the start checks read: the memory guard and the load go on with them, not the files.</param>
    /// <param name="readMemory">Memory as the guard sees it, read on the inference thread right before the load.</param>
    /// <param name="demoHeaderRead">Gets the demo model's header, read at its load rather than by the start checks.</param>
    public static ModelLoadPlan Create(RouterConfig config, HostOverrides overrides, ModelHeaders models, ILoggerFactory loggerFactory,
        TimeProvider time, Func<MemoryReading> readMemory, Action<GgufFile> demoHeaderRead)
    {
        if (overrides.GeneratorFactory is { } factory)
        {
            return new ModelLoadPlan("the injected model", () => factory(config));
        }
        var logger = loggerFactory.CreateLogger("EdgeRouter.Host");
        // The chat model's window is sized in what the embedding model leaves.
        var memoryLeft = () => EmbeddingMemory.AfterEmbedding(models.Embedding, config, readMemory());
        if (config.Model.Path is { } path)
        {
            var header = models.Model ?? throw new ArgumentException($"The start checks read no header for {path}.", nameof(models));
            return new ModelLoadPlan(path, () =>
            {
                var sized = ModelMemoryCheck.Ensure(header, config, memoryLeft(), logger);
                return LocalEngineFactory.Create(sized, header, loggerFactory, time);
            });
        }

        var demoPath = Path.Join(DataDirectories.ModelsDirectory(overrides.Environment ?? Environment.GetEnvironmentVariable), DemoModel.FileName);
        HostLog.DemoModel(logger, demoPath);
        return new ModelLoadPlan("the built-in demo model", () =>
        {
            var demoHeader = DemoModel.Ensure(demoPath, logger);
            demoHeaderRead(demoHeader);
            var demo = config with { Model = config.Model with { Path = demoPath, Name = config.Model.Name ?? DemoModel.Name } };
            var sized = ModelMemoryCheck.Ensure(demoHeader, demo, memoryLeft(), logger);
            return LocalEngineFactory.Create(sized, demoHeader, loggerFactory, time);
        });
    }
}
