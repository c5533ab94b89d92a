using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

public sealed class GgufValidatorTests
{
    [Fact]
    public void MinimalModel_IsValid()
    {
        var file = GgufValidator.Validate(new MemoryStream(RawGguf.MinimalModel()));

        Assert.Equal("llama", file.Architecture);
        Assert.Equal(128ul, file.ContextLength);
        Assert.Equal(3, file.VocabSize);
        Assert.Equal(12, file.ParameterCount);
        Assert.Equal("F32", file.FileTypeName);
    }

    [Fact]
    public void UnsupportedArchitecture_ListsSupportedOnes()
    {
        var ex = GgufAssert.Rejects(RawGguf.MinimalModel(arch: "foo"), "unsupported architecture 'foo' (supported: ");

        Assert.Contains(" llama,", ex.Message, StringComparison.Ordinal);
        Assert.Contains(" qwen2,", ex.Message, StringComparison.Ordinal);
        Assert.Contains(" gemma3,", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomArchitectureList_IsHonoured()
    {
        var options = new GgufValidationOptions { SupportedArchitectures = new HashSet<string> { "foo" } };

        Assert.Equal("foo", GgufValidator.Validate(new MemoryStream(RawGguf.MinimalModel(arch: "foo")), options).Architecture);
        var ex = Assert.Throws<GgufFormatException>(() => GgufValidator.Validate(new MemoryStream(RawGguf.MinimalModel()), options));
        Assert.Contains("(supported: foo)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("general.architecture", "missing general.architecture")]
    [InlineData("llama.context_length", "missing llama.context_length")]
    [InlineData("llama.embedding_length", "missing llama.embedding_length")]
    [InlineData("llama.block_count", "missing llama.block_count")]
    [InlineData("tokenizer.ggml.model", "missing tokenizer.ggml.model")]
    [InlineData("tokenizer.ggml.tokens", "missing tokenizer.ggml.tokens")]
    public void MissingRequiredKey_Named(string omitted, string fragment)
    {
        GgufAssert.Rejects(Model(omit: omitted), fragment);
    }

    [Fact]
    public void ContextLengthWithWrongType_Rejected()
    {
        var bytes = Model(omit: "llama.context_length", extra: r => r.KvI32("llama.context_length", 128));

        GgufAssert.Rejects(bytes, "llama.context_length must be u32 but is i32");
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(513u)]
    public void BlockCountOutOfRange_Rejected(uint blocks)
    {
        var bytes = Model(omit: "llama.block_count", extra: r => r.KvU32("llama.block_count", blocks));

        GgufAssert.Rejects(bytes, $"llama.block_count = {blocks} is out of range [1, 512]");
    }

    [Fact]
    public void ScoresShorterThanTokens_Rejected()
    {
        var bytes = Model(extra: r => r.Str("tokenizer.ggml.scores").U32(9).U32(6).U64(2).F32(0).F32(0));

        GgufAssert.Rejects(bytes, "tokenizer.ggml.scores has 2 entries for 3 tokens");
    }

    [Fact]
    public void TokenIdWithWrongType_Rejected()
    {
        var bytes = Model(extra: r => r.KvI32("tokenizer.ggml.eos_token_id", 2));

        GgufAssert.Rejects(bytes, "tokenizer.ggml.eos_token_id must be u32 but is i32");
    }

    [Fact]
    public void TensorsNotPackedInOrder_Rejected()
    {
        var bytes = RawGguf.MinimalModelPrefix(tensors: 2)
            .TensorInfo("token_embd.weight", GgmlType.F32, 0, 4, 3)
            .TensorInfo("output_norm.weight", GgmlType.F32, 96, 4)
            .PadTo(32).Zeros(160).ToArray();

        GgufAssert.Rejects(bytes, "tensor 'output_norm.weight' has offset 96 but llama.cpp requires 64");
    }

    [Fact]
    public void EmbeddingRowsDisagreeWithVocab_Rejected()
    {
        var bytes = RawGguf.MinimalModelPrefix().TensorInfo("token_embd.weight", GgmlType.F32, 0, 4, 5).PadTo(32).Zeros(96).ToArray();

        GgufAssert.Rejects(bytes, "token_embd.weight has 5 rows but the vocabulary has 3 tokens");
    }

    [Fact]
    public void TryValidate_ReportsErrorWithoutThrowing()
    {
        using var dir = new TempDir();
        var bad = dir.File("bad.gguf");
        var good = dir.File("good.gguf");
        File.WriteAllBytes(bad, RawGguf.MinimalModel(arch: "foo"));
        File.WriteAllBytes(good, RawGguf.MinimalModel());

        Assert.False(GgufValidator.TryValidate(bad, out var none, out var error));
        Assert.Null(none);
        Assert.StartsWith(bad + ": unsupported architecture 'foo'", error, StringComparison.Ordinal);
        Assert.True(GgufValidator.TryValidate(good, out var file, out error));
        Assert.Null(error);
        Assert.Equal(good, file!.Path);
    }

    [Theory]
    [InlineData(15u, "Q4_K_M")]
    [InlineData(7u, "Q8_0")]
    [InlineData(1u, "F16")]
    [InlineData(9999u, "F32")]
    public void FileTypeName_FromFileTypeElseDominantTensorType(uint fileType, string expected)
    {
        var bytes = Model(extra: r => r.KvU32("general.file_type", fileType));

        Assert.Equal(expected, GgufFile.Read(new MemoryStream(bytes)).FileTypeName);
    }

    [Fact]
    public void FileTypeName_WithoutFileType_UsesMatrixBytesNotNorms()
    {
        var stream = new MemoryStream();
        using (var w = new GgufWriter(stream, leaveOpen: true))
        {
            w.AddTensor("norm", GgmlType.F32, 4096);
            w.AddTensor("w", GgmlType.Q8_0, 32, 4);
            w.WriteHeader();
            w.WriteTensorData(new float[4096]);
            w.WriteTensorData(new float[128]);
            w.Complete();
        }

        Assert.Equal("Q8_0", GgufFile.Read(new MemoryStream(stream.ToArray())).FileTypeName);
    }

    /// <summary>The minimal model with one required key left out and/or extra keys added.</summary>
    private static byte[] Model(string? omit = null, Action<RawGguf>? extra = null)
    {
        var kvs = new List<Action<RawGguf>>
        {
            r => r.KvStr("general.architecture", "llama"),
            r => r.KvU32("llama.context_length", 128),
            r => r.KvU32("llama.embedding_length", 4),
            r => r.KvU32("llama.block_count", 1),
            r => r.KvStr("tokenizer.ggml.model", "llama"),
            r => r.KvStrArray("tokenizer.ggml.tokens", "<unk>", "<s>", "</s>"),
        };
        string[] names = ["general.architecture", "llama.context_length", "llama.embedding_length", "llama.block_count", "tokenizer.ggml.model", "tokenizer.ggml.tokens"];
        var kept = kvs.Where((_, i) => names[i] != omit).ToList();
        if (extra is not null)
        {
            kept.Add(extra);
        }

        var raw = RawGguf.Header(1, kept.Count);
        foreach (var kv in kept)
        {
            kv(raw);
        }

        return raw.TensorInfo("token_embd.weight", GgmlType.F32, 0, 4, 3).PadTo(32).Zeros(64).ToArray();
    }
}
