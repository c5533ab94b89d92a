using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

/// <summary>Random damage to a real header must end in success or a GgufFormatException, nothing else.</summary>
public sealed class GgufFuzzTests
{
    [Fact]
    public void RandomByteFlipsInHeader_OnlyFormatExceptions()
    {
        var original = TinyModels.Bytes(GgufTensorType.Q8_0);
        var headerEnd = (int)TinyModels.Read(original).DataOffset;
        var random = new Random(1234);

        for (var i = 0; i < 1500; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 5); flips > 0; flips--)
            {
                bytes[random.Next(headerEnd)] = (byte)random.Next(256);
            }

            AssertParsesOrRejects(bytes);
        }
    }

    [Fact]
    public void RandomU64InjectedIntoHeader_OnlyFormatExceptions()
    {
        var original = TinyModels.Bytes(GgufTensorType.F16);
        var headerEnd = (int)TinyModels.Read(original).DataOffset;
        var random = new Random(99);
        ulong[] nasty = [ulong.MaxValue, 1UL << 63, 1UL << 62, 1UL << 32, uint.MaxValue, 0];

        for (var i = 0; i < 1500; i++)
        {
            var bytes = (byte[])original.Clone();
            var value = random.Next(2) == 0 ? nasty[random.Next(nasty.Length)] : (ulong)random.NextInt64();
            BitConverter.TryWriteBytes(bytes.AsSpan(random.Next(headerEnd - 8)), value);

            AssertParsesOrRejects(bytes);
        }
    }

    private static void AssertParsesOrRejects(byte[] bytes)
    {
        try
        {
            GgufValidator.Validate(new MemoryStream(bytes));
        }
        catch (GgufFormatException ex)
        {
            Assert.DoesNotContain("unexpected", ex.Message, StringComparison.Ordinal);
        }
    }
}
