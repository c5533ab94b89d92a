using EdgeRouter.Gguf;
using EdgeRouter.Host.Config;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>The one place that turns configuration into the real llama.cpp engine.</summary>
public static class LocalEngineFactory
{
    /// <summary>Loads <see cref="ModelConfig.Path"/> (which must be set) into a llama.cpp context. Slow: run it on the inference thread.</summary>
    /// <param name="header">The file's header as the start read it, so the load does not parse it again.</param>
    public static ITextGenerator Create(RouterConfig config, GgufFile header, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var model = config.Model;
        var options = new LlamaEngineOptions
        {
            ModelPath = model.Path ?? throw new ArgumentException("No model path configured.", nameof(config)),
            Header = header,
            ModelName = model.Name,
            ContextLength = model.ContextLength ?? ConfigLimits.DefaultContextLength,
            KvCacheType = model.KvCacheType switch
            {
                KvCacheType.Q8_0 => LlamaKvCacheType.Q8_0,
                KvCacheType.Q4_0 => LlamaKvCacheType.Q4_0,
                _ => LlamaKvCacheType.F16,
            },
            Threads = model.Threads,
            BatchSize = model.BatchSize,
            LibraryPath = model.LibraryPath,
            LibraryDirectory = model.LibraryDirectory,
            GpuLayers = model.GpuLayers,
            TimeProvider = time ?? TimeProvider.System,
        };
        return LlamaEngine.Load(options, loggerFactory.CreateLogger("EdgeRouter.Llama"));
    }
}
