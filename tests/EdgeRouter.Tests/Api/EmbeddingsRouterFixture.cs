using EdgeRouter.Gguf;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Api;

/// <summary>
/// Real routers on real llama.cpp, started once for the embedding API tests: one serving the tiny chat model plus a
/// generated BERT embedding model, one where the tiny chat model embeds with its own pooling.
/// </summary>
public sealed class EmbeddingsRouterFixture : IAsyncLifetime
{
    public const string ChatName = "tiny-chat";
    public const string EmbeddingName = "bert-tiny";

    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-embeddings-").FullName;
    private readonly List<RunningRouter> _routers = [];

    /// <summary>Chat model plus a separate embedding model.</summary>
    public HttpClient Separate { get; private set; } = null!;

    /// <summary>The chat model alone: it serves embeddings too.</summary>
    public HttpClient Fallback { get; private set; } = null!;

    public RunningRouter SeparateRouter => _routers[0];

    public async Task InitializeAsync()
    {
        var chat = Path.Join(_directory, "tiny.gguf");
        var bert = Path.Join(_directory, "bert.gguf");
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.Tiny, TensorType = GgufTensorType.F32, Seed = 7 }, chat);
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.BertTiny, TensorType = GgufTensorType.F32, Seed = 11 }, bert);
        string[] common = ["--listen", "127.0.0.1:0", "--model", chat, "--model-name", ChatName, "--ctx", "512", "--threads", "1"];
        Separate = TestRouter.CreateClient(await StartAsync([.. common, "--embedding-model", bert, "--embedding-model-name", EmbeddingName]));
        Fallback = TestRouter.CreateClient(await StartAsync(common));
    }

    private async Task<Uri> StartAsync(string[] args)
    {
        var state = Path.Join(_directory, "state-" + _routers.Count);
        var overrides = TestRouter.Overrides(new ManualTimeProvider(), new LogCapture()) with
        {
            Environment = name => name == "XDG_STATE_HOME" ? state : null,
        };
        var router = await RouterHost.StartAsync(args, overrides);
        _routers.Add(router);
        await router.ModelLoad.WaitAsync(TimeSpan.FromSeconds(30));
        return router.Address;
    }

    public async Task DisposeAsync()
    {
        Separate?.Dispose();
        Fallback?.Dispose();
        foreach (var router in _routers)
        {
            await router.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
