using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Tests.Support;

/// <summary>
/// A fake chat model that also embeds (as the real engine does with its pooling), so the embedding gate can be
/// filled deterministically: <see cref="Hold"/> blocks every embedding call until <see cref="Release"/>.
/// </summary>
public sealed class FakeEmbeddingModel(FakeTextGenerator chat) : ITextGenerator, IEmbeddingSource
{
    private readonly FakeEmbedder _embedder = new(chat.Model);

    public ModelInfo Model => chat.Model;

    public FakeEmbedder Embedder => _embedder;

    public int CountPromptTokens(GenerationRequest request) => chat.CountPromptTokens(request);

    public GenerationResult Generate(GenerationRequest request, ITokenSink sink, CancellationToken cancellationToken) =>
        chat.Generate(request, sink, cancellationToken);

    public IEmbedder CreateEmbedder() => _embedder;

    public void Dispose()
    {
        _embedder.Release();
        chat.Dispose();
    }
}

public sealed class FakeEmbedder(ModelInfo model) : IEmbedder
{
    private readonly ManualResetEventSlim _flowing = new(initialState: true);
    private readonly SemaphoreSlim _started = new(0);

    public ModelInfo Model { get; } = model with { Capabilities = model.Capabilities | ModelCapabilities.Embedding };

    public int Dimensions => 4;

    public int Window => 16;

    public void Hold() => _flowing.Reset();

    public void Release() => _flowing.Set();

    public Task WaitForStartAsync() => _started.WaitAsync(TimeSpan.FromSeconds(10));

    public EmbeddingResult Embed(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        _started.Release();
        _flowing.Wait(cancellationToken);
        return new EmbeddingResult([.. request.Inputs.Select(_ => new[] { 1f, 0f, 0f, 0f })], request.Inputs.Count, TimeSpan.Zero);
    }

    public void Dispose() => _flowing.Set();
}
