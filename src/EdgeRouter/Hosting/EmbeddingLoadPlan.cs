using EdgeRouter.Embeddings;
using EdgeRouter.Host.Config;
using EdgeRouter.Llama.Engine;
using EdgeRouter.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>The separate embedding model to load, when <see cref="EmbeddingConfig.Path"/> names one.</summary>
internal sealed record EmbeddingLoadPlan(string Description, Func<IEmbedder> Load)
{
    /// <returns>Null when the chat model serves embeddings.</returns>
    public static EmbeddingLoadPlan? Create(RouterConfig config, ILoggerFactory loggerFactory, TimeProvider time, Func<MemoryReading> readMemory)
    {
        if (config.Embedding.Path is not { } path)
        {
            return null;
        }

        var logger = loggerFactory.CreateLogger("EdgeRouter.Host");
        return new EmbeddingLoadPlan(path, () =>
        {
            EmbeddingMemory.Ensure(config, readMemory(), logger);
            var model = config.Model;
            var options = new LlamaEngineOptions
            {
                ModelPath = path,
                ModelName = config.Embedding.Name,
                ContextLength = LlamaEmbedder.DefaultWindow,
                Threads = model.Threads,
                LibraryPath = model.LibraryPath,
                LibraryDirectory = model.LibraryDirectory,
                TimeProvider = time,
            };
            return LlamaEmbedder.Load(options, loggerFactory.CreateLogger("EdgeRouter.Llama"));
        });
    }
}
