using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

public sealed class GgufReaderTests
{
    [Fact]
    public void Read_GeneratedModel_MetadataRoundTrips()
    {
        var file = TinyModels.Read(TinyModels.Bytes(GgufTensorType.Q8_0));
        var shape = ModelShape.Tiny;

        Assert.Equal(GgufValueType.String, file.Metadata[GgufKeys.Architecture].Type);
        Assert.Equal((uint)shape.FeedForwardLength, file.Metadata["llama.feed_forward_length"].Value);
        Assert.Equal((uint)shape.HeadCount, file.Metadata["llama.attention.head_count"].Value);
        Assert.Equal((uint)shape.HeadCountKv, file.Metadata["llama.attention.head_count_kv"].Value);
        Assert.Equal((uint)shape.HeadDimension, file.Metadata["llama.rope.dimension_count"].Value);
        Assert.Equal(shape.RmsNormEpsilon, file.Metadata["llama.attention.layer_norm_rms_epsilon"].Value);
        Assert.Equal(10000f, file.Metadata["llama.rope.freq_base"].Value);
        Assert.Equal(7u, file.FileType);
        Assert.Equal(2u, file.Metadata[GgufKeys.QuantizationVersion].Value);
        Assert.Equal(32u, file.Alignment);
        Assert.Equal((ulong)file.VocabSize!, file.GetUInt64("llama.vocab_size"));
        Assert.Equal(file.Metadata.Count, file.Metadata.Keys.Distinct().Count());
        Assert.Equal(GgufKeys.Architecture, file.Metadata.Keys.First());
    }

    [Fact]
    public void Read_TensorInfos_HaveShapesSizesAndPackedOffsets()
    {
        var file = TinyModels.Read(TinyModels.Bytes(GgufTensorType.Q8_0));
        var vocab = file.VocabSize!.Value;

        Assert.Equal(3 + (9 * 2), file.TensorCount);
        var embd = file.FindTensor("token_embd.weight")!;
        Assert.Equal([64L, vocab], embd.Shape);
        Assert.Equal(64 * vocab / 32 * 34, embd.ByteSize);
        Assert.Equal([128L, 64L], file.FindTensor("blk.1.ffn_down.weight")!.Shape);
        ulong expected = 0;
        foreach (var t in file.Tensors)
        {
            Assert.Equal(expected, t.Offset);
            expected = (ulong)((t.ByteSize + 31) / 32 * 32) + expected;
        }

        Assert.Equal(file.Tensors.Sum(t => t.ByteSize), file.TensorDataBytes);
    }

    [Fact]
    public void Read_ValueHelpers_ConvertSafely()
    {
        Assert.True(GgufValue.Int32(5).TryGetUInt64(out var five) && five == 5);
        Assert.False(GgufValue.Int32(-5).TryGetUInt64(out _));
        Assert.False(GgufValue.String("5").TryGetUInt64(out _));
        Assert.True(GgufValue.Float32(0.5f).TryGetDouble(out var half) && half == 0.5);
        Assert.Equal("1E-05", GgufValue.Float32(1e-5f).ToString());
        Assert.Equal("[str x 3]", GgufValue.StringArray(["a", "b", "c"]).ToString());
    }

    [Fact]
    public void Read_UnseekableStream_Throws()
    {
        Assert.Throws<ArgumentException>(() => GgufFile.Read(new NonSeekableStream()));
    }

    [Fact]
    public void Read_MissingFile_ThrowsIoNotFormat()
    {
        Assert.Throws<FileNotFoundException>(() => GgufFile.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".gguf")));
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
