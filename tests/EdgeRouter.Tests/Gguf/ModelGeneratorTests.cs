using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

public sealed class ModelGeneratorTests
{
    [Theory]
    [InlineData(GgufTensorType.F32, "F32", GgmlType.F32)]
    [InlineData(GgufTensorType.F16, "F16", GgmlType.F16)]
    [InlineData(GgufTensorType.Q8_0, "Q8_0", GgmlType.Q8_0)]
    public void Generate_Tiny_ValidatesWithExpectedHeader(GgufTensorType type, string fileTypeName, GgmlType weightType)
    {
        using var dir = new TempDir();
        var path = dir.File("tiny.gguf");

        ModelGenerator.Generate(TinyModels.Spec(type), path);
        var file = GgufValidator.Validate(path);

        Assert.Equal(3u, file.Version);
        Assert.Equal("llama", file.Architecture);
        Assert.Equal("edgerouter-tiny", file.Name);
        Assert.Equal(2048ul, file.ContextLength);
        Assert.Equal(64ul, file.EmbeddingLength);
        Assert.Equal(2ul, file.BlockCount);
        Assert.Equal(fileTypeName, file.FileTypeName);
        Assert.Equal("llama", file.TokenizerModel);
        Assert.Contains("<|im_start|>", file.ChatTemplate);
        Assert.InRange(file.VocabSize!.Value, 300, 999);
        Assert.Equal(new FileInfo(path).Length, file.FileSize);
        Assert.Equal(0, file.DataOffset % 32);
        Assert.Equal(weightType, file.FindTensor("blk.0.attn_q.weight")!.Type);
        Assert.Equal(GgmlType.F32, file.FindTensor("blk.1.ffn_norm.weight")!.Type);
        Assert.NotNull(file.FindTensor("output.weight"));
        Assert.Equal(file.Tensors.Sum(t => t.ElementCount), file.ParameterCount);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Generate_SameSeed_ByteIdentical()
    {
        using var dir = new TempDir();
        var spec = TinyModels.Spec(GgufTensorType.Q8_0, seed: 7);

        ModelGenerator.Generate(spec, dir.File("a.gguf"));
        ModelGenerator.Generate(spec, dir.File("b.gguf"));

        Assert.Equal(File.ReadAllBytes(dir.File("a.gguf")), File.ReadAllBytes(dir.File("b.gguf")));
    }

    [Fact]
    public void Generate_DifferentSeed_SameHeaderDifferentWeights()
    {
        var a = TinyModels.Generate(TinyModels.Spec(GgufTensorType.F16, seed: 1));
        var b = TinyModels.Generate(TinyModels.Spec(GgufTensorType.F16, seed: 2));
        var dataOffset = (int)TinyModels.Read(a).DataOffset;

        Assert.Equal(a.Length, b.Length);
        Assert.NotEqual(a.AsSpan(dataOffset).ToArray(), b.AsSpan(dataOffset).ToArray());
    }

    [Theory]
    [InlineData(GgufTensorType.F32)]
    [InlineData(GgufTensorType.Q8_0)]
    public void ComputeFileSize_MatchesWrittenBytes(GgufTensorType type)
    {
        Assert.Equal(TinyModels.Bytes(type).Length, ModelGenerator.ComputeFileSize(TinyModels.Spec(type)));
    }

    [Fact]
    public void ComputeFileSize_Qwen25Q8_IsAbout505MiB()
    {
        var size = ModelGenerator.ComputeFileSize(new ModelSpec { Shape = ModelShape.Qwen25_0_5B, TensorType = GgufTensorType.Q8_0 });

        Assert.InRange(size / (1024 * 1024), 500, 510);
    }

    [Fact]
    public void Generate_ReportsMonotonicProgressEndingAtOne()
    {
        using var dir = new TempDir();
        var reports = new List<double>();

        ModelGenerator.Generate(TinyModels.Spec(GgufTensorType.F32), dir.File("p.gguf"), new SyncProgress(reports.Add));

        Assert.Equal(0, reports[0]);
        Assert.Equal(1, reports[^1]);
        Assert.True(reports.Count > 2);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public void Generate_Cancelled_LeavesNoFile()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ModelGenerator.Generate(TinyModels.Spec(GgufTensorType.F32), dir.File("c.gguf"), null, cts.Token));

        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Generate_QwenStyleShape_HasBiasesAndTiedOutput()
    {
        var shape = ModelShape.Tiny with { Name = "tiny-qwen", Architecture = "qwen2", TiedEmbeddings = true, AttentionBias = true };
        var bytes = TinyModels.Generate(new ModelSpec { Shape = shape, TensorType = GgufTensorType.Q8_0 });

        var file = GgufValidator.Validate(new MemoryStream(bytes));

        Assert.Equal("qwen2", file.Architecture);
        Assert.Null(file.FindTensor("output.weight"));
        Assert.Equal(GgmlType.F32, file.FindTensor("blk.1.attn_k.bias")!.Type);
        Assert.Equal([32L], file.FindTensor("blk.1.attn_k.bias")!.Shape);
        Assert.Equal(2048ul, file.GetUInt64("qwen2.context_length"));
    }

    [Fact]
    public void Generate_BertShape_IsAnEncoderWithAWordPieceVocabularyAndMeanPooling()
    {
        var bytes = TinyModels.Generate(new ModelSpec { Shape = ModelShape.BertTiny, TensorType = GgufTensorType.Q8_0 });

        var file = GgufValidator.Validate(new MemoryStream(bytes),
            new GgufValidationOptions { SupportedArchitectures = GgufArchitectures.SupportedForEmbeddings });

        Assert.Equal("bert", file.Architecture);
        Assert.Equal("bert", file.TokenizerModel);
        Assert.Null(file.ChatTemplate);
        Assert.Equal(1ul, file.GetUInt64("bert.pooling_type"));
        Assert.Equal([64L, 512L], file.FindTensor("position_embd.weight")!.Shape);
        Assert.NotNull(file.FindTensor("blk.1.layer_output_norm.bias"));
        Assert.Throws<GgufFormatException>(() => GgufValidator.Validate(new MemoryStream(bytes)));
    }

    [Fact]
    public void Generate_MiniLmShape_HasAllMiniLmL6V2sSize()
    {
        var size = ModelGenerator.ComputeFileSize(new ModelSpec { Shape = ModelShape.MiniLm, TensorType = GgufTensorType.F16 });

        // all-MiniLM-L6-v2 is 22.7 M parameters: about 45 MiB as F16.
        Assert.InRange(size / (1024.0 * 1024.0), 40, 50);
    }

    [Fact]
    public void Generate_VocabSizeSet_PadsWithFillerTokens()
    {
        var shape = ModelShape.Tiny with { VocabSize = 1024 };
        var bytes = TinyModels.Generate(new ModelSpec { Shape = shape, TensorType = GgufTensorType.F16 });

        var file = TinyModels.Read(bytes, options: new GgufReadOptions { ArrayItemLimit = long.MaxValue });
        var tokens = (string[])file.Metadata[GgufKeys.Tokens].AsArray!.Items!;

        Assert.Equal(1024, tokens.Length);
        Assert.Contains("\u2581w0", tokens);
        Assert.StartsWith("\u2581w", tokens[^1], StringComparison.Ordinal);
        Assert.Equal([64L, 1024L], file.FindTensor("token_embd.weight")!.Shape);
    }

    [Fact]
    public void Generate_ShapeNotDivisibleByQ8Block_Throws()
    {
        var shape = ModelShape.Tiny with { EmbeddingLength = 48, HeadCount = 4 };

        var ex = Assert.Throws<ArgumentException>(() => ModelGenerator.ComputeFileSize(new ModelSpec { Shape = shape, TensorType = GgufTensorType.Q8_0 }));
        Assert.Contains("multiples of 32", ex.Message, StringComparison.Ordinal);
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
