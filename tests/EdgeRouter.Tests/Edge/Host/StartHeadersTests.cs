using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Gguf;
using EdgeRouter.Host.Check;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Edge.Memory;
using EdgeRouter.Edge.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Tests.Edge.Host;

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
}
