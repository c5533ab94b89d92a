using EdgeRouter.Host.Config;
using EdgeRouter.Inference;
using EdgeRouter.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>What the local tier loads: an injected generator, the configured GGUF, or the generated demo model.</summary>
internal sealed record ModelLoadPlan(string Description, Func<ITextGenerator> Load)
{
    /// <param name="readMemory">Memory as the guard sees it, read on the inference thread right before the load.</param>
    public static ModelLoadPlan Create(RouterConfig config, HostOverrides overrides, ILoggerFactory loggerFactory, TimeProvider time,
        Func<MemoryReading> readMemory)
    {
        if (overrides.GeneratorFactory is { } factory)
        {
            return new ModelLoadPlan("the injected model", () => factory(config));
        }
        var logger = loggerFactory.CreateLogger("EdgeRouter.Host");
        // The chat model's window is sized in what the embedding model leaves.
        var memoryLeft = () => EmbeddingMemory.AfterEmbedding(config, readMemory());
        if (config.Model.Path is { } path)
        {
            return new ModelLoadPlan(path, () =>
            {
                var sized = ModelMemoryCheck.Ensure(path, config, memoryLeft(), logger);
                return LocalEngineFactory.Create(sized, loggerFactory, time);
            });
        }

        var directory = DataDirectories.ModelsDirectory(overrides.Environment ?? Environment.GetEnvironmentVariable);
        HostLog.DemoModel(logger, Path.Join(directory, DemoModel.FileName));
        return new ModelLoadPlan("the built-in demo model", () =>
        {
            var demoPath = DemoModel.Ensure(directory, logger);
            var demo = config with { Model = config.Model with { Path = demoPath, Name = config.Model.Name ?? DemoModel.Name } };
            var sized = ModelMemoryCheck.Ensure(demoPath, demo, memoryLeft(), logger);
            return LocalEngineFactory.Create(sized, loggerFactory, time);
        });
    }
}
