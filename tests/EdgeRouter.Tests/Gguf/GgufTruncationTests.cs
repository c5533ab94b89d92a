using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

public sealed class GgufTruncationTests
{
    private static readonly string[] KnownReasons =
        ["truncated", "exceeds the file", "is absurd", "not a GGUF file", "beyond the end of the file"];

    [Fact]
    public void TruncatedAtEveryHeaderByte_RejectedWithFormatException()
    {
        var bytes = TinyModels.Bytes(GgufTensorType.Q8_0);
        var dataOffset = TinyModels.Read(bytes).DataOffset;

        for (long length = 0; length <= dataOffset; length++)
        {
            var ex = GgufAssert.Rejects(bytes, length: length);
            Assert.True(KnownReasons.Any(r => ex.Message.Contains(r, StringComparison.Ordinal)), $"length {length}: {ex.Message}");
        }
    }

    [Theory]
    [InlineData(GgufTensorType.F32)]
    [InlineData(GgufTensorType.F16)]
    [InlineData(GgufTensorType.Q8_0)]
    public void TruncatedInsideTensorData_NamesTheTensorBeyondTheEnd(GgufTensorType type)
    {
        var bytes = TinyModels.Bytes(type);
        var file = TinyModels.Read(bytes);
        var last = file.Tensors[^1];
        var dataEnd = file.DataOffset + (long)last.Offset + last.ByteSize;

        for (var i = 0; i < 200; i++)
        {
            var length = file.DataOffset + 1 + ((dataEnd - file.DataOffset - 1) * i / 200);
            var ex = GgufAssert.Rejects(bytes, "lies beyond the end of the file", length);
            Assert.Contains($"(size {length})", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TruncatedHeader_MessageSaysWhereAndWhat()
    {
        var bytes = TinyModels.Bytes(GgufTensorType.F16);

        var ex = GgufAssert.Rejects(bytes, length: 20);

        Assert.Equal("truncated at byte 20 while reading metadata key/value count (needed 8 bytes at byte 16)", ex.Message);
    }

    [Fact]
    public void TruncatedFile_OnDisk_MessageIncludesPath()
    {
        using var dir = new TempDir();
        var path = dir.File("cut.gguf");
        File.WriteAllBytes(path, TinyModels.Bytes(GgufTensorType.F32)[..5000]);

        var ex = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));

        Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.FilePath);
        Assert.NotNull(ex.ByteOffset);
    }
}
