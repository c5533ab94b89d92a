using EdgeRouter.Gguf;

namespace EdgeRouter.Tests.Host.Check;

/// <summary>`edgerouter check` says which model serves embeddings, and vets a separate one as the server's start would.</summary>
public sealed class EmbeddingCheckTests : IDisposable
{
    private readonly CheckHarness _check = new();

    public void Dispose() => _check.Dispose();

    [Fact]
    public async Task NoEmbeddingModel_SaysTheChatModelServesThem()
    {
        var model = _check.WriteTinyModel();

        Assert.Equal(0, await _check.RunAsync("check", "--model", model));

        Assert.Contains(_check.Lines, l => l.StartsWith("info: embeddings: served by the chat model with its pooling", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeparateBertModel_IsValidAndItsMemoryIsReported()
    {
        var model = _check.WriteTinyModel();
        var bert = Path.Join(_check.Directory, "bert.gguf");
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.BertTiny, TensorType = GgufTensorType.Q8_0, Seed = 1 }, bert);

        Assert.Equal(0, await _check.RunAsync("check", "--model", model, "--embedding-model", bert));

        Assert.Empty(_check.Errors);
        Assert.Contains(_check.Lines, l => l.StartsWith($"info: embeddings: served by {bert}; model 'bert' needs about", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrokenEmbeddingModel_IsAnErrorNamingTheFile()
    {
        var model = _check.WriteTinyModel();
        var broken = Path.Join(_check.Directory, "broken.gguf");
        File.WriteAllText(broken, "not a model");

        Assert.Equal(1, await _check.RunAsync("check", "--model", model, "--embedding-model", broken));

        Assert.Contains(_check.Errors, l => l.StartsWith($"error: embedding model {broken}: not a valid GGUF model", StringComparison.Ordinal));
    }
}
