using System.Buffers.Binary;
using System.Text;

namespace EdgeRouter.Gguf;

/// <summary>
/// Bounds-checked little-endian reads over a seekable stream. Every length is checked against the bytes left
/// in the stream before anything is allocated, so a lying header cannot make us allocate or loop beyond the file.
/// </summary>
internal sealed class GgufByteReader
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private long _bufferStart;
    private int _bufferLength;

    public GgufByteReader(Stream stream)
    {
        _stream = stream;
        Length = stream.Length;

        // Small files (and the many short reads of the truncation tests) need no 64 KiB buffer.
        _buffer = new byte[(int)Math.Clamp(Length, 16, BufferSize)];
    }

    public long Length { get; }

    public long Position { get; private set; }

    public long Remaining => Length - Position;

    public byte ReadU8(string what) => Take(1, what)[0];

    public ushort ReadU16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));

    public uint ReadU32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public ulong ReadU64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    public long ReadI64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, what));

    public float ReadF32(string what) => BinaryPrimitives.ReadSingleLittleEndian(Take(4, what));

    public double ReadF64(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, what));

    /// <summary>Reads a u64-length-prefixed UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
    public string ReadString(long maxBytes, string what)
    {
        var length = ReadStringLength(maxBytes, what);
        if (length <= _buffer.Length)
        {
            return Encoding.UTF8.GetString(Take((int)length, what));
        }

        // Only reached for strings longer than the buffer; length is already bounded by the file and the cap.
        var bytes = new byte[length];
        for (var done = 0; done < bytes.Length;)
        {
            var chunk = Take((int)Math.Min(_buffer.Length, bytes.Length - done), what);
            chunk.CopyTo(bytes.AsSpan(done));
            done += chunk.Length;
        }

        return Encoding.UTF8.GetString(bytes);
    }

    public void SkipString(string what) => Skip(ReadStringLength(GgufConstants.MaxStringBytes, what), what);

    public void Skip(long count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw Truncated(count, what);
        }

        Position += count;
    }

    public GgufFormatException Error(string problem, long? offset = null) => new(problem, null, offset ?? Position);

    private long ReadStringLength(long maxBytes, string what)
    {
        var at = Position;
        var length = ReadU64(what + " length");
        if (length > (ulong)Remaining)
        {
            throw Error($"string length {length} at byte {at} exceeds the file ({Remaining} bytes remain) in {what}", at);
        }

        if (length > (ulong)maxBytes)
        {
            throw Error($"string length {length} at byte {at} exceeds the limit of {maxBytes} bytes for {what}", at);
        }

        return (long)length;
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw Truncated(count, what);
        }

        var inBuffer = Position - _bufferStart;
        if (Position < _bufferStart || inBuffer + count > _bufferLength)
        {
            Fill(count, what);
            inBuffer = 0;
        }

        Position += count;
        return _buffer.AsSpan((int)inBuffer, count);
    }

    private void Fill(int count, string what)
    {
        _stream.Position = Position;
        _bufferStart = Position;
        _bufferLength = 0;
        var want = (int)Math.Min(_buffer.Length, Remaining);
        while (_bufferLength < want)
        {
            var n = _stream.Read(_buffer, _bufferLength, want - _bufferLength);
            if (n == 0)
            {
                break;
            }

            _bufferLength += n;
        }

        // The stream may have shrunk since Length was taken (a file still being written).
        if (_bufferLength < count)
        {
            throw Truncated(count, what);
        }
    }

    private GgufFormatException Truncated(long count, string what) =>
        Error($"truncated at byte {Length} while reading {what} (needed {count} bytes at byte {Position})", Position);
}
