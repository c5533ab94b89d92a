using System.Buffers.Binary;
using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

public sealed class GgufTensorEncoderTests
{
    [Fact]
    public void Q8_0_BlockLayoutAndRounding()
    {
        var x = new float[32];
        x[0] = -127f;  // amax, so d = 1 exactly
        x[1] = 50f;
        x[2] = 0.5f;   // ties round away from zero, like roundf in ggml
        x[3] = -0.5f;
        x[4] = 2.5f;
        var bytes = new byte[34];

        var n = GgufTensorEncoder.EncodeQ8_0(x, bytes);

        Assert.Equal(34, n);
        Assert.Equal(1f, (float)BinaryPrimitives.ReadHalfLittleEndian(bytes));
        Assert.Equal([-127, 50, 1, -1, 3, 0], bytes[2..8].Select(b => (int)(sbyte)b));
    }

    [Fact]
    public void Q8_0_DequantizesWithinHalfAStep()
    {
        var x = Enumerable.Range(0, 64).Select(i => MathF.Sin(i) * 0.05f).ToArray();
        var bytes = new byte[68];
        GgufTensorEncoder.EncodeQ8_0(x, bytes);

        for (var b = 0; b < 2; b++)
        {
            var d = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(b * 34));
            for (var i = 0; i < 32; i++)
            {
                var back = (sbyte)bytes[(b * 34) + 2 + i] * d;
                Assert.InRange(MathF.Abs(back - x[(b * 32) + i]), 0f, (d * 0.5f) + 1e-4f);
            }
        }
    }

    [Fact]
    public void Q8_0_AllZeroBlock_HasZeroScale()
    {
        var bytes = new byte[34];
        bytes.AsSpan().Fill(0xFF);

        GgufTensorEncoder.EncodeQ8_0(new float[32], bytes);

        Assert.All(bytes, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Q8_0_PartialBlock_Throws()
    {
        Assert.Throws<ArgumentException>(() => GgufTensorEncoder.EncodeQ8_0(new float[33], new byte[68]));
    }

    [Fact]
    public void F16_And_F32_AreLittleEndian()
    {
        var f16 = new byte[4];
        var f32 = new byte[8];

        GgufTensorEncoder.EncodeF16([1f, -2f], f16);
        GgufTensorEncoder.EncodeF32([1f, -2f], f32);

        Assert.Equal([0x00, 0x3C, 0x00, 0xC0], f16);
        Assert.Equal([0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0], f32);
    }
}
