using EdgeRouter.Core.Embeddings;
using EdgeRouter.Gguf;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>Real llama.cpp on a generated BERT model and on the tiny chat model's pooling.</summary>
[Collection(LlamaCollection.Name)]
public sealed class LlamaEmbedderTests(TinyModelFixture fixture)
{
    private LlamaEmbedder LoadBert()
    {
        var path = fixture.TempPath("bert-tiny.gguf");
        if (!File.Exists(path))
        {
            ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.BertTiny, TensorType = GgufTensorType.F32, Seed = 11 }, path);
        }

        return LlamaEmbedder.Load(new LlamaEngineOptions { ModelPath = path, Threads = 1 }, new ListLogger());
    }

    private static EmbeddingRequest Texts(params string[] texts) => new([.. texts.Select(EmbeddingInput.FromText)]);

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public void Bert_EmbedsUnitVectorsOfTheModelWidth()
    {
        using var embedder = LoadBert();
        var result = embedder.Embed(Texts("hello world", "the edge router"), CancellationToken.None);

        Assert.Equal(64, embedder.Dimensions);
        Assert.Equal(2, result.Vectors.Count);
        Assert.All(result.Vectors, v => Assert.Equal(1.0, Math.Sqrt(Dot(v, v)), 4));
        Assert.True(embedder.Model.Capabilities.HasFlag(ModelCapabilities.Embedding));
        Assert.False(embedder.Model.Capabilities.HasFlag(ModelCapabilities.Completion));
        Assert.Equal("mean", embedder.Pooling);
        // [CLS] hello world [SEP] and [CLS] the edge router [SEP]
        Assert.Equal(9, result.PromptTokens);
    }

    [Fact]
    public void Bert_SameTextInOneBatchOrAlone_GivesTheSameVector()
    {
        using var embedder = LoadBert();
        var alone = embedder.Embed(Texts("what is the answer"), CancellationToken.None).Vectors[0];
        var batch = embedder.Embed(Texts("hello", "what is the answer", "what is the answer"), CancellationToken.None).Vectors;

        Assert.Equal(1.0, Dot(batch[1], batch[2]), 5);
        Assert.Equal(1.0, Dot(alone, batch[1]), 4);
        Assert.True(Dot(batch[0], batch[1]) < 0.9999);
    }

    [Fact]
    public void Bert_Batch32_AllAnswered_InOrder()
    {
        using var embedder = LoadBert();
        var texts = Enumerable.Range(0, 32).Select(i => $"test number {i} of the batch").ToArray();
        var batch = embedder.Embed(Texts(texts), CancellationToken.None).Vectors;
        var seventh = embedder.Embed(Texts(texts[7]), CancellationToken.None).Vectors[0];

        Assert.Equal(32, batch.Count);
        Assert.Equal(1.0, Dot(batch[7], seventh), 4);
    }

    [Fact]
    public void Bert_TokenInput_MatchesTheTextItCameFrom()
    {
        using var embedder = LoadBert();
        var text = embedder.Embed(Texts("a"), CancellationToken.None);
        // [CLS]=2, "▁a"=5 (the first character piece), [SEP]=3: what the tokenizer makes of "a".
        var tokens = embedder.Embed(new EmbeddingRequest([EmbeddingInput.FromTokens([2, 5, 3])]), CancellationToken.None);

        Assert.Equal(3, tokens.PromptTokens);
        Assert.Equal(1.0, Dot(text.Vectors[0], tokens.Vectors[0]), 5);
        Assert.Throws<InvalidEmbeddingInputException>(() =>
            embedder.Embed(new EmbeddingRequest([EmbeddingInput.FromTokens([1_000_000])]), CancellationToken.None));
    }

    [Fact]
    public void Bert_TooLong_TruncatesOrRefuses()
    {
        using var embedder = LoadBert();
        var words = string.Join(' ', Enumerable.Repeat("hello", 600));

        var truncated = embedder.Embed(Texts(words), CancellationToken.None);
        var refused = Assert.Throws<PromptTooLongException>(() =>
            embedder.Embed(new EmbeddingRequest([EmbeddingInput.FromText(words)], Truncate: false), CancellationToken.None));

        Assert.Equal(embedder.Window, truncated.PromptTokens);
        Assert.Equal(602, refused.PromptTokens);
    }

    [Fact]
    public void Bert_EmptyText_IsAClientError()
    {
        using var embedder = LoadBert();
        // WPM adds [CLS] and [SEP] even to "", so emptiness is only what tokenizes to nothing at all.
        var result = embedder.Embed(Texts(""), CancellationToken.None);
        Assert.Single(result.Vectors);
        Assert.Throws<InvalidEmbeddingInputException>(() =>
            embedder.Embed(new EmbeddingRequest([EmbeddingInput.FromTokens([])]), CancellationToken.None));
    }

    [Fact]
    public void ChatModel_EmbedsWithMeanPooling_InASecondContext()
    {
        var embedder = (LlamaEmbedder)fixture.Engine.CreateEmbedder();
        var result = embedder.Embed(Texts("hello world", "hello world", "a short story"), CancellationToken.None);

        Assert.Same(embedder, fixture.Engine.CreateEmbedder());
        Assert.Equal(64, embedder.Dimensions);
        Assert.Equal("mean", embedder.Pooling);
        Assert.Equal(1.0, Dot(result.Vectors[0], result.Vectors[1]), 4);
        Assert.True(embedder.Model.Capabilities.HasFlag(ModelCapabilities.Completion | ModelCapabilities.Embedding));
    }
}
