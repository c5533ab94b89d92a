using EdgeRouter.Host.Config;
using EdgeRouter.Inference;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>What the local tier loads: an injected generator, the configured GGUF, or the generated demo model.</summary>
internal sealed record ModelLoadPlan(string Description, Func<ITextGenerator> Load)
{
    public static ModelLoadPlan Create(RouterConfig config, HostOverrides overrides, ILoggerFactory loggerFactory, TimeProvider time)
    {
        if (overrides.GeneratorFactory is { } factory)
        {
            return new ModelLoadPlan("the injected model", () => factory(config));
        }
        if (config.Model.Path is { } path)
        {
            return new ModelLoadPlan(path, () => LocalEngineFactory.Create(config, loggerFactory, time));
        }

        var logger = loggerFactory.CreateLogger("EdgeRouter.Host");
        var directory = DataDirectories.ModelsDirectory(overrides.Environment ?? Environment.GetEnvironmentVariable);
        HostLog.DemoModel(logger, Path.Join(directory, DemoModel.FileName));
        return new ModelLoadPlan("the built-in demo model", () =>
        {
            var demoPath = DemoModel.Ensure(directory, logger);
            var demo = config with { Model = config.Model with { Path = demoPath, Name = config.Model.Name ?? DemoModel.Name } };
            return LocalEngineFactory.Create(demo, loggerFactory, time);
        });
    }
}
