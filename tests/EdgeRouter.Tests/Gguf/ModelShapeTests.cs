using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

public sealed class ModelShapeTests
{
    [Theory]
    [InlineData("tiny", "llama")]
    [InlineData("QWEN2.5-0.5B", "qwen2")]
    [InlineData(" llama-3.2-1b ", "llama")]
    [InlineData("bert-tiny", "bert")]
    [InlineData("MiniLM", "bert")]
    public void Parse_KnownNames_CaseInsensitive(string name, string arch)
    {
        Assert.Equal(arch, ModelShape.Parse(name).Architecture);
    }

    [Fact]
    public void Parse_Unknown_ListsValidShapes()
    {
        var ex = Assert.Throws<FormatException>(() => ModelShape.Parse("gpt-5"));

        Assert.Contains("'gpt-5'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tiny, qwen2.5-0.5b, llama-3.2-1b", ex.Message, StringComparison.Ordinal);
        Assert.False(ModelShape.TryParse(null, out _));
    }

    [Fact]
    public void Presets_HaveRealModelDimensions()
    {
        var q = ModelShape.Qwen25_0_5B;
        Assert.Equal((24, 896, 14, 2, 4864, 151936, 32768), (q.BlockCount, q.EmbeddingLength, q.HeadCount, q.HeadCountKv, q.FeedForwardLength, q.VocabSize, q.ContextLength));
        Assert.True(q.TiedEmbeddings && q.AttentionBias);
        var l = ModelShape.Llama32_1B;
        Assert.Equal((16, 2048, 32, 8, 8192, 128256, 131072), (l.BlockCount, l.EmbeddingLength, l.HeadCount, l.HeadCountKv, l.FeedForwardLength, l.VocabSize, l.ContextLength));
        Assert.Equal(500000f, l.RopeFreqBase);
        Assert.False(ModelShape.Tiny.TiedEmbeddings);
    }

    [Theory]
    [InlineData("f32", GgufTensorType.F32)]
    [InlineData("F16", GgufTensorType.F16)]
    [InlineData("q8_0", GgufTensorType.Q8_0)]
    public void TensorTypes_Parse(string text, GgufTensorType expected)
    {
        Assert.Equal(expected, GgufTensorTypes.Parse(text));
        Assert.Equal(text.ToLowerInvariant(), expected.GetName());
    }

    [Fact]
    public void TensorTypes_ParseUnknown_ListsValidTypes()
    {
        var ex = Assert.Throws<FormatException>(() => GgufTensorTypes.Parse("q4_k_m"));

        Assert.Contains("f32, f16, q8_0", ex.Message, StringComparison.Ordinal);
    }
}
