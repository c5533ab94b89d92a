using EdgeRouter.Core.Embeddings;
using EdgeRouter.Gguf;
using EdgeRouter.Host.Config;
using EdgeRouter.Llama.Engine;
using EdgeRouter.Edge.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>The separate embedding model to load, when <see cref="EmbeddingConfig.Path"/> names one.</summary>
internal sealed record EmbeddingLoadPlan(string Description, Func<IEmbedder> Load)
{
    /// <param name="header">Its header as the start checks read it: the memory guard and the load go on with it, not the file.</param>
    /// <returns>Null when the chat model serves embeddings.</returns>
    public static EmbeddingLoadPlan? Create(RouterConfig config, GgufFile? header, ILoggerFactory loggerFactory, TimeProvider time,
        Func<MemoryReading> readMemory)
    {
        if (config.Embedding.Path is not { } path)
        {
            return null;
        }

        ArgumentNullException.ThrowIfNull(header);
        var logger = loggerFactory.CreateLogger("EdgeRouter.Host");
        return new EmbeddingLoadPlan(path, () =>
        {
            EmbeddingMemory.Ensure(header, config, readMemory(), logger);
            var model = config.Model;
            var options = new LlamaEngineOptions
            {
                ModelPath = path,
                Header = header,
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
