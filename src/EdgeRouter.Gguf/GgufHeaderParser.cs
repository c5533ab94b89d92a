namespace EdgeRouter.Gguf;

/// <summary>Parses the header, metadata and tensor infos. Never reads tensor data.</summary>
internal static partial class GgufHeaderParser
{
    // Smallest possible encodings, used to reject counts that cannot fit in the remaining bytes.
    private const int MinTensorInfoBytes = 8 + 4 + 4 + 8;
    private const int MinKeyValueBytes = 8 + 1 + 4 + 1;

    public static GgufFile Parse(Stream stream, string? path, GgufReadOptions options)
    {
        try
        {
            return ParseCore(stream, path, options);
        }
        catch (Exception ex) when (ex is OverflowException or IndexOutOfRangeException or ArgumentException
            or InvalidCastException or OutOfMemoryException)
        {
            // Every check above should make this unreachable; it keeps the "only GgufFormatException" promise if one is missed.
            throw new GgufFormatException($"malformed GGUF: unexpected {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private static GgufFile ParseCore(Stream stream, string? path, GgufReadOptions options)
    {
        var r = new GgufByteReader(stream);
        var (version, tensorCount, kvCount) = ReadHeader(r);
        var metadata = ReadMetadata(r, kvCount, options);
        var alignment = ReadAlignment(r, metadata);
        var tensors = ReadTensorInfos(r, tensorCount);

        // ggml only pads to the data section when there are tensors.
        var dataOffset = tensorCount > 0 ? Align(r.Position, alignment) : r.Position;
        if (dataOffset > r.Length)
        {
            throw r.Error($"truncated at byte {r.Length}: the data section should start at byte {dataOffset} (after padding to {alignment})", r.Length);
        }

        CheckTensorPlacement(r, tensors, dataOffset, alignment);
        return new GgufFile(path, r.Length, version, metadata, tensors, alignment, dataOffset);
    }

    private static (uint Version, long TensorCount, long KvCount) ReadHeader(GgufByteReader r)
    {
        if (r.Length < 4)
        {
            throw r.Error(r.Length == 0 ? "not a GGUF file: the file is empty" : $"not a GGUF file: only {r.Length} bytes long", 0);
        }

        var magic = r.ReadU32("magic");
        if (magic != GgufConstants.Magic)
        {
            throw r.Error($"not a GGUF file (magic 0x{magic:X8} '{Printable(magic)}', expected 0x{GgufConstants.Magic:X8} 'GGUF')", 0);
        }

        var version = r.ReadU32("version");
        if (version != 0 && (version & 0xFFFF) == 0)
        {
            throw r.Error($"GGUF version 0x{version:X8} looks byte-swapped: big-endian files are not supported", 4);
        }

        if (version is not (2 or 3))
        {
            throw r.Error($"unsupported GGUF version {version} (supported: 2, 3)", 4);
        }

        // Read both counts before judging either, so a file cut inside the header reads as truncated.
        var tensorCount = r.ReadI64("tensor count");
        var kvCount = r.ReadI64("metadata key/value count");
        CheckCount("n_tensors", tensorCount, MinTensorInfoBytes, r, 8);
        CheckCount("n_kv", kvCount, MinKeyValueBytes, r, 16);
        return (version, tensorCount, kvCount);
    }

    private static void CheckCount(string name, long count, int minBytes, GgufByteReader r, long at)
    {
        if (count < 0)
        {
            throw r.Error($"{name} = {count} is negative", at);
        }

        if (count > r.Remaining / minBytes)
        {
            throw r.Error($"{name} = {count} is absurd: the remaining {r.Remaining} bytes of the file hold at most {r.Remaining / minBytes}", at);
        }
    }

    private static uint ReadAlignment(GgufByteReader r, Dictionary<string, GgufValue> metadata)
    {
        if (!metadata.TryGetValue(GgufKeys.Alignment, out var value))
        {
            return GgufConstants.DefaultAlignment;
        }

        if (value.Value is not uint alignment)
        {
            throw r.Error($"{GgufKeys.Alignment} must be u32 but is {GgufValue.TypeName(value.Type)}");
        }

        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw r.Error($"{GgufKeys.Alignment} = {alignment} is not a power of two");
        }

        return alignment;
    }

    internal static long Align(long offset, uint alignment) => (offset + alignment - 1) / alignment * alignment;

    private static string Printable(uint magic)
    {
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            var b = (char)((magic >> (8 * i)) & 0xFF);
            chars[i] = b is >= ' ' and <= '~' ? b : '?';
        }

        return new string(chars);
    }
}
