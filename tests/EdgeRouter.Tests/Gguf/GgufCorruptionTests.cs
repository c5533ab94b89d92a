using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

/// <summary>Files that lie: each must fail with a message naming the lie, and never allocate what it claims.</summary>
public sealed class GgufCorruptionTests
{
    [Fact]
    public void EmptyFile_Rejected()
    {
        using var dir = new TempDir();
        var path = dir.File("empty.gguf");
        File.WriteAllBytes(path, []);

        var ex = Assert.Throws<GgufFormatException>(() => GgufValidator.Validate(path));

        Assert.Contains("not a GGUF file: the file is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFile_RejectedWithMagic()
    {
        using var dir = new TempDir();
        var path = dir.File("notes.txt");
        File.WriteAllText(path, "hello, this is not a model\n");

        var ex = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));

        Assert.Contains("not a GGUF file (magic 0x6C6C6568 'hell', expected 0x46554747 'GGUF')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongMagic_Rejected()
    {
        var bytes = (byte[])TinyModels.Bytes(GgufTensorType.F32).Clone();
        bytes[3] = (byte)'L';

        GgufAssert.Rejects(bytes, "not a GGUF file (magic 0x4C554747 'GGUL'");
    }

    [Theory]
    [InlineData(1u, "unsupported GGUF version 1")]
    [InlineData(4u, "unsupported GGUF version 4")]
    [InlineData(0x03000000u, "looks byte-swapped")]
    public void BadVersion_Rejected(uint version, string fragment)
    {
        GgufAssert.Rejects(RawGguf.Header(0, 0, version).ToArray(), fragment);
    }

    [Fact]
    public void Version2_IsAccepted()
    {
        Assert.Equal(2u, GgufFile.Read(new MemoryStream(RawGguf.Header(0, 0, version: 2).ToArray())).Version);
    }

    [Theory]
    [InlineData(1L << 62, 0L, "n_tensors = 4611686018427387904 is absurd")]
    [InlineData(-1L, 0L, "n_tensors = -1 is negative")]
    [InlineData(0L, long.MaxValue, "n_kv = 9223372036854775807 is absurd")]
    [InlineData(0L, 1000L, "n_kv = 1000 is absurd")]
    public void AbsurdCounts_Rejected(long tensors, long kvs, string fragment)
    {
        GgufAssert.Rejects(RawGguf.Header(tensors, kvs).Zeros(64).ToArray(), fragment);
    }

    [Fact]
    public void LyingKeyLength_RejectedWithoutAllocating()
    {
        var bytes = RawGguf.Header(0, 1).U64(1_000_000_000_000_000_000).Zeros(32).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();

        GgufAssert.Rejects(bytes, "string length 1000000000000000000 at byte 24 exceeds the file (32 bytes remain)");

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
    }

    [Fact]
    public void LyingStringValueLength_Rejected()
    {
        var bytes = RawGguf.Header(0, 1).Str("general.name").U32((uint)GgufValueType.String).U64(ulong.MaxValue).Zeros(8).ToArray();

        GgufAssert.Rejects(bytes, "string length 18446744073709551615 at byte 48 exceeds the file");
    }

    [Fact]
    public void OverlongKey_RejectedByCap()
    {
        var bytes = RawGguf.Header(0, 1).Str(new string('k', 70_000)).U32(0).U8(1).ToArray();

        GgufAssert.Rejects(bytes, "exceeds the limit of 65536 bytes for metadata key 0");
    }

    [Theory]
    [InlineData(1UL << 40, "is absurd (limit 1073741824)")]
    [InlineData(1000UL, "exceeds the file: u32 elements take at least 4 bytes each and 16 bytes remain")]
    public void LyingArrayLength_Rejected(ulong count, string fragment)
    {
        var bytes = RawGguf.Header(0, 1).Str("a").U32((uint)GgufValueType.Array).U32((uint)GgufValueType.UInt32).U64(count).Zeros(16).ToArray();

        GgufAssert.Rejects(bytes, fragment);
    }

    [Fact]
    public void LyingStringArrayLength_Rejected()
    {
        var bytes = RawGguf.Header(0, 1).Str("tokenizer.ggml.tokens").U32(9).U32(8).U64(1_000_000).Str("a").Str("b").ToArray();

        GgufAssert.Rejects(bytes, "array length 1000000 for 'tokenizer.ggml.tokens' at byte 61 exceeds the file");
    }

    [Theory]
    [InlineData(13u)]
    [InlineData(uint.MaxValue)]
    public void UnknownValueType_Rejected(uint type)
    {
        GgufAssert.Rejects(RawGguf.Header(0, 1).Str("k").U32(type).Zeros(8).ToArray(), $"key 'k' at byte 33 has unknown value type {type}");
    }

    [Fact]
    public void UnknownArrayElementType_Rejected()
    {
        var bytes = RawGguf.Header(0, 1).Str("k").U32((uint)GgufValueType.Array).U32(77).U64(1).Zeros(8).ToArray();

        GgufAssert.Rejects(bytes, "has unknown value type 77");
    }

    [Fact]
    public void DeeplyNestedArrays_Rejected()
    {
        var raw = RawGguf.Header(0, 1).Str("deep").U32((uint)GgufValueType.Array);
        for (var i = 0; i < 100; i++)
        {
            raw.U32((uint)GgufValueType.Array).U64(1);
        }

        GgufAssert.Rejects(raw.Zeros(16).ToArray(), "nested more than 8 deep");
    }

    [Fact]
    public void DuplicateAndEmptyKeys_Rejected()
    {
        GgufAssert.Rejects(RawGguf.Header(0, 2).KvU32("a", 1).KvU32("a", 2).ToArray(), "duplicate metadata key 'a'");
        GgufAssert.Rejects(RawGguf.Header(0, 1).KvU32("", 1).Zeros(8).ToArray(), "metadata key 0 at byte 24 is empty");
    }

    [Theory]
    [InlineData("str", "general.alignment must be u32 but is str")]
    [InlineData("48", "general.alignment = 48 is not a power of two")]
    [InlineData("0", "general.alignment = 0 is not a power of two")]
    public void BadAlignment_Rejected(string value, string fragment)
    {
        var raw = RawGguf.Header(0, 1);
        raw = value == "str" ? raw.KvStr("general.alignment", "32") : raw.KvU32("general.alignment", uint.Parse(value));

        GgufAssert.Rejects(raw.ToArray(), fragment);
    }

    [Fact]
    public void TooManyDimensions_Rejected()
    {
        var bytes = RawGguf.MinimalModelPrefix().TensorInfo("token_embd.weight", GgmlType.F32, 0, 4, 3, 1, 1, 1).PadTo(32).Zeros(64).ToArray();

        GgufAssert.Rejects(bytes, "tensor 'token_embd.weight' has 5 dimensions (ggml allows at most 4)");
    }

    [Fact]
    public void NegativeDimension_Rejected()
    {
        var bytes = RawGguf.MinimalModelPrefix().TensorInfo("token_embd.weight", GgmlType.F32, 0, 4, -3).PadTo(32).Zeros(64).ToArray();

        GgufAssert.Rejects(bytes, "tensor 'token_embd.weight' dimension 1 is -3 (negative)");
    }

    [Theory]
    [InlineData(1L << 40, 1L << 40, "has more than 2^63 elements")]
    [InlineData(1L << 31, 1L << 31, "size of 18446744073709551616 bytes is absurd")]
    public void HugeShape_Rejected(long ne0, long ne1, string fragment)
    {
        var bytes = RawGguf.MinimalModelPrefix().TensorInfo("token_embd.weight", GgmlType.F32, 0, ne0, ne1).PadTo(32).Zeros(64).ToArray();

        GgufAssert.Rejects(bytes, fragment);
    }

    [Theory]
    [InlineData(99u)]
    [InlineData(4u)]
    [InlineData(31u)]
    public void UnknownTensorType_Rejected(uint type)
    {
        GgufAssert.Rejects(RawGguf.MinimalModel(type: (GgmlType)type), $"tensor 'token_embd.weight' has unknown ggml type {type}");
    }

    [Fact]
    public void RowNotMultipleOfBlock_Rejected()
    {
        GgufAssert.Rejects(RawGguf.MinimalModel(type: GgmlType.Q8_0), "rows of 4 elements, not a multiple of the Q8_0 block size 32");
    }

    [Fact]
    public void MisalignedOffset_Rejected()
    {
        GgufAssert.Rejects(RawGguf.MinimalModel(offset: 4), "tensor 'token_embd.weight' offset 4 is not aligned to 32");
    }

    [Theory]
    [InlineData(1024UL)]
    [InlineData(ulong.MaxValue - 31)]
    public void OffsetBeyondFile_Rejected(ulong offset)
    {
        var bytes = RawGguf.MinimalModel(offset: offset);

        GgufAssert.Rejects(bytes, $"tensor 'token_embd.weight' data [");
        GgufAssert.Rejects(bytes, $") lies beyond the end of the file (size {bytes.Length})");
    }

    [Fact]
    public void TensorNameTooLong_Rejected()
    {
        var bytes = RawGguf.MinimalModelPrefix().TensorInfo(new string('t', 64), GgmlType.F32, 0, 4, 3).PadTo(32).Zeros(64).ToArray();

        GgufAssert.Rejects(bytes, "exceeds the limit of 63 bytes for tensor info 0 name");
    }

    [Fact]
    public void DuplicateTensorName_Rejected()
    {
        var bytes = RawGguf.MinimalModelPrefix(tensors: 2)
            .TensorInfo("token_embd.weight", GgmlType.F32, 0, 4, 3)
            .TensorInfo("token_embd.weight", GgmlType.F32, 64, 4, 3).PadTo(32).Zeros(128).ToArray();

        GgufAssert.Rejects(bytes, "duplicate tensor name 'token_embd.weight' (tensor info 1");
    }
}
