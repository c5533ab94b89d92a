using System.Buffers.Binary;
using System.Text;

namespace EdgeRouter.Gguf;

/// <summary>Little-endian primitives and metadata values onto a stream.</summary>
internal sealed class GgufBinaryWriter(Stream stream)
{
    private readonly byte[] _scratch = new byte[8];

    public long Position { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        Position += bytes.Length;
    }

    public void WriteU8(byte v) => Write([v]);

    public void WriteU16(ushort v)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_scratch, v);
        Write(_scratch.AsSpan(0, 2));
    }

    public void WriteU32(uint v)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_scratch, v);
        Write(_scratch.AsSpan(0, 4));
    }

    public void WriteU64(ulong v)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_scratch, v);
        Write(_scratch.AsSpan(0, 8));
    }

    public void WriteF32(float v) => WriteU32(BitConverter.SingleToUInt32Bits(v));

    public void WriteF64(double v) => WriteU64(BitConverter.DoubleToUInt64Bits(v));

    public void WriteString(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        WriteU64((ulong)bytes.Length);
        Write(bytes);
    }

    public void WriteZeros(long count)
    {
        Span<byte> zeros = stackalloc byte[64];
        zeros.Clear();
        while (count > 0)
        {
            var n = (int)Math.Min(count, zeros.Length);
            Write(zeros[..n]);
            count -= n;
        }
    }

    /// <summary>Writes the type tag then the value.</summary>
    public void WriteTypedValue(GgufValue value)
    {
        WriteU32((uint)value.Type);
        WriteValue(value.Type, value.Value);
    }

    private void WriteValue(GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.UInt8: WriteU8((byte)value); break;
            case GgufValueType.Int8: WriteU8((byte)(sbyte)value); break;
            case GgufValueType.UInt16: WriteU16((ushort)value); break;
            case GgufValueType.Int16: WriteU16((ushort)(short)value); break;
            case GgufValueType.UInt32: WriteU32((uint)value); break;
            case GgufValueType.Int32: WriteU32((uint)(int)value); break;
            case GgufValueType.Float32: WriteF32((float)value); break;
            case GgufValueType.Bool: WriteU8((bool)value ? (byte)1 : (byte)0); break;
            case GgufValueType.String: WriteString((string)value); break;
            case GgufValueType.UInt64: WriteU64((ulong)value); break;
            case GgufValueType.Int64: WriteU64((ulong)(long)value); break;
            case GgufValueType.Float64: WriteF64((double)value); break;
            case GgufValueType.Array: WriteArray((GgufArray)value); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), $"Unknown GGUF value type {(uint)type}.");
        }
    }

    private void WriteArray(GgufArray array)
    {
        var items = array.Items ?? throw new InvalidOperationException("Cannot write an array whose items were not read.");
        WriteU32((uint)array.ElementType);
        WriteU64((ulong)array.Count);
        foreach (var item in items)
        {
            WriteValue(array.ElementType, item!);
        }
    }
}
