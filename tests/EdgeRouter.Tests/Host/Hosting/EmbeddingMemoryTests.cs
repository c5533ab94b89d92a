using EdgeRouter.Gguf;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Edge.Memory;
using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>The memory guard counts a separate embedding model: checked itself, and taken out of the chat model's share.</summary>
public sealed class EmbeddingMemoryTests : IDisposable
{
    private const long MiB = 1024 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-embedding-memory-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private RouterConfig WithEmbeddingModel(out GgufFile header)
    {
        var path = Path.Join(_directory, "bert.gguf");
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.BertTiny, TensorType = GgufTensorType.F32, Seed = 3 }, path);
        header = GgufFile.Read(path);
        return RouterConfig.Default with { Embedding = new EmbeddingConfig { Path = path } };
    }

    [Fact]
    public void AfterEmbedding_LeavesLessForTheChatModel_ByTheEmbeddingModelsWeightsAndCache()
    {
        var config = WithEmbeddingModel(out var header);
        var memory = new MemoryReading(4096 * MiB, 1024 * MiB, 512 * MiB, 100 * MiB);

        var left = EmbeddingMemory.AfterEmbedding(header, config, memory);
        var file = new FileInfo(config.Embedding.Path!).Length;

        Assert.InRange(memory.AvailableBytes!.Value - left.AvailableBytes!.Value, file, file + MiB);
        Assert.Equal(memory.AvailableBytes - left.AvailableBytes, left.CgroupCurrentBytes - memory.CgroupCurrentBytes);
        Assert.Equal(memory, EmbeddingMemory.AfterEmbedding(null, RouterConfig.Default, memory));
    }

    [Fact]
    public void AfterEmbedding_SizesFromTheHeaderTheStartRead_NotFromTheFileAgain()
    {
        var config = WithEmbeddingModel(out var header);
        var memory = new MemoryReading(4096 * MiB, 1024 * MiB, null, null);
        var sized = EmbeddingMemory.AfterEmbedding(header, config, memory);

        File.Delete(config.Embedding.Path!);

        Assert.Equal(sized, EmbeddingMemory.AfterEmbedding(header, config, memory));
    }

    [Fact]
    public void Ensure_RefusesAnEmbeddingModelThatDoesNotFit()
    {
        var config = WithEmbeddingModel(out var header);
        var tight = new MemoryReading(4096 * MiB, 10 * MiB, null, null);

        var refused = Assert.Throws<ModelTooLargeException>(() => EmbeddingMemory.Ensure(header, config, tight, new LogCapture().CreateLogger("test")));

        Assert.Contains("model 'bert' does not fit in memory", refused.Message);
    }
}
