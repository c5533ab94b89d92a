using EdgeRouter.Gguf;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>
/// Real routers on real llama.cpp, started once for the embedding API tests: one serving the tiny chat model plus a
/// generated BERT embedding model, one where the tiny chat model embeds with its own pooling.
/// </summary>
public sealed class EmbeddingsRouterFixture : IAsyncLifetime
{
    public const string ChatName = "tiny-chat";
    public const string EmbeddingName = "bert-tiny";

    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-embeddings-").FullName;
    private readonly List<TestRouter> _routers = [];

    /// <summary>Chat model plus a separate embedding model.</summary>
    public HttpClient Separate => _routers[0].Client;

    /// <summary>The chat model alone: it serves embeddings too.</summary>
    public HttpClient Fallback => _routers[1].Client;

    public RunningRouter SeparateRouter => _routers[0].Router;

    public async Task InitializeAsync()
    {
        var chat = Path.Join(_directory, "tiny.gguf");
        var bert = Path.Join(_directory, "bert.gguf");
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.Tiny, TensorType = GgufTensorType.F32, Seed = 7 }, chat);
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.BertTiny, TensorType = GgufTensorType.F32, Seed = 11 }, bert);
        string[] common = ["--model", chat, "--model-name", ChatName, "--ctx", "512", "--threads", "1"];
        await StartAsync([.. common, "--embedding-model", bert, "--embedding-model-name", EmbeddingName]);
        await StartAsync(common);
    }

    private async Task StartAsync(string[] args) => _routers.Add(await TestRouter.StartAsync(new TestRouterOptions
    {
        LlamaEngine = true,
        Args = args,
        ReadyTimeout = TimeSpan.FromSeconds(30),
    }));

    public async Task DisposeAsync()
    {
        foreach (var router in _routers)
        {
            await router.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
