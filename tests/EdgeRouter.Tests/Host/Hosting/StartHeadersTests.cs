using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Gguf;
using EdgeRouter.Host.Check;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Edge.Memory;
using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>
/// One header per configured file per start: the start checks read it, and the memory guard and the load go on with
/// that copy instead of the file.
/// </summary>
public sealed class StartHeadersTests : IDisposable
{
    private const long MiB = 1024 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-start-headers-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private RouterConfig WithModels()
    {
        var model = Path.Join(_directory, "tiny.gguf");
        var bert = Path.Join(_directory, "bert.gguf");
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.Tiny, TensorType = GgufTensorType.Q8_0, Seed = 7 }, model);
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.BertTiny, TensorType = GgufTensorType.Q8_0, Seed = 3 }, bert);
        return RouterConfig.Default with
        {
            Model = RouterConfig.Default.Model with { Path = model, ContextLength = 2048 },
            Embedding = new EmbeddingConfig { Path = bert },
        };
    }

    [Fact]
    public void StartChecks_HandOnTheHeaderOfEachConfiguredFile()
    {
        var config = WithModels();

        var models = StartupChecks.EnsureCanStart(config, new CredentialResolver(), checkModelFile: true).Models;

        Assert.Equal(config.Model.Path, models.Model?.Path);
        Assert.Equal(config.Embedding.Path, models.Embedding?.Path);
    }

    [Fact]
    public void StartChecks_WithAnInjectedGenerator_StillReadTheEmbeddingModelItLoads()
    {
        var config = WithModels();

        var models = StartupChecks.EnsureCanStart(config, new CredentialResolver(), checkModelFile: false).Models;

        Assert.Null(models.Model);
        Assert.Equal(config.Embedding.Path, models.Embedding?.Path);
    }

    [Fact]
    public void ModelLoadPlan_SizesFromTheStartsHeaders_NotFromTheFiles()
    {
        var config = WithModels();
        var models = StartupChecks.EnsureCanStart(config, new CredentialResolver(), checkModelFile: true).Models;
        File.Delete(config.Model.Path!);
        File.Delete(config.Embedding.Path!);

        var plan = ModelLoadPlan.Create(config, HostOverrides.None, models, NullLoggerFactory.Instance, TimeProvider.System,
            () => new MemoryReading(4096 * MiB, 10 * MiB, null, null), static _ => { });

        // The guard refused from the headers alone: a read of either file would have failed first.
        var refused = Assert.Throws<ModelTooLargeException>(plan.Load);
        Assert.Contains("does not fit in memory", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Footprints_ComeFromTheStartsHeader_NotFromAnotherReadOfTheFile()
    {
        var config = WithModels() with { Embedding = new EmbeddingConfig() };
        var path = config.Model.Path!;
        var size = new FileInfo(path).Length;
        await using var router = await TestRouter.StartAsync(new TestRouterOptions
        {
            Config = config,
            LlamaEngine = true,
            ReadyTimeout = TimeSpan.FromSeconds(60),
        });
        // A new file under the old name (the loaded one stays mapped): a read of it now would fail, and the figures
        // fall back to the file-size estimate.
        File.Delete(path);
        await File.WriteAllTextAsync(path, "not a GGUF file");

        using var ps = await router.Client.GetAsync("/api/ps");
        using var ready = await router.Client.GetAsync("/readyz");

        // The tiny shape: 2 layers x 2 KV heads x (16 + 16) x 2 bytes = 256 bytes a token, at the configured 2048.
        const long kv = 2048L * 256;
        var estimate = MemoryGuard.KvCacheBytes(new ModelMemoryRequest("tiny", size, 2048, Shape: null), ModelMemoryCheck.Options(config)).Bytes;
        Assert.NotEqual(kv, estimate);
        var model = Assert.Single((await ApiAssert.ReadJsonAsync(ps)).GetProperty("models").EnumerateArray());
        Assert.Equal(size + kv, model.GetProperty("size").GetInt64());
        Assert.Equal(kv, (await ApiAssert.ReadJsonAsync(ready)).GetProperty("context").GetProperty("kv_cache_bytes").GetInt64());
    }
}
