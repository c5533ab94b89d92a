using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EdgeRouter.Gguf;

/// <summary>Converts float values into the on-disk encoding of F32, F16 or Q8_0.</summary>
public static class GgufTensorEncoder
{
    private const int Q8Block = 32;
    private const int Q8BlockBytes = 34;

    public static bool CanEncode(GgmlType type) => type is GgmlType.F32 or GgmlType.F16 or GgmlType.Q8_0;

    /// <summary>Encodes <paramref name="values"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(GgmlType type, ReadOnlySpan<float> values, Span<byte> destination) => type switch
    {
        GgmlType.F32 => EncodeF32(values, destination),
        GgmlType.F16 => EncodeF16(values, destination),
        GgmlType.Q8_0 => EncodeQ8_0(values, destination),
        _ => throw new NotSupportedException($"Encoding {GgmlTypeTraits.GetName(type)} is not supported (only F32, F16, Q8_0)."),
    };

    public static int EncodeF32(ReadOnlySpan<float> values, Span<byte> destination)
    {
        var bytes = values.Length * 4;
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(destination);
            return bytes;
        }

        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], values[i]);
        }

        return bytes;
    }

    public static int EncodeF16(ReadOnlySpan<float> values, Span<byte> destination)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(destination[(i * 2)..], (Half)values[i]);
        }

        return values.Length * 2;
    }

    /// <summary>
    /// ggml's reference Q8_0: per 32 values, d = amax / 127 stored as fp16, q = round(x / d) away from zero.
    /// </summary>
    public static int EncodeQ8_0(ReadOnlySpan<float> values, Span<byte> destination)
    {
        if (values.Length % Q8Block != 0)
        {
            throw new ArgumentException($"Q8_0 needs a multiple of {Q8Block} values, got {values.Length}.", nameof(values));
        }

        var blocks = values.Length / Q8Block;
        for (var b = 0; b < blocks; b++)
        {
            var x = values.Slice(b * Q8Block, Q8Block);
            var output = destination.Slice(b * Q8BlockBytes, Q8BlockBytes);
            var amax = 0f;
            foreach (var v in x)
            {
                amax = MathF.Max(amax, MathF.Abs(v));
            }

            var d = amax / 127f;
            var id = d != 0f ? 1f / d : 0f;
            BinaryPrimitives.WriteHalfLittleEndian(output, (Half)d);
            for (var i = 0; i < Q8Block; i++)
            {
                output[2 + i] = (byte)(sbyte)MathF.Round(x[i] * id, MidpointRounding.AwayFromZero);
            }
        }

        return blocks * Q8BlockBytes;
    }
}
