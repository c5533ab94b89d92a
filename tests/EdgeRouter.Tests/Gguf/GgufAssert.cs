using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

internal static class GgufAssert
{
    /// <summary>
    /// Asserts that validating the first <paramref name="length"/> bytes fails with a <see cref="GgufFormatException"/>
    /// (xunit's Throws is exact, so any other exception type fails the test) that went through a deliberate check.
    /// </summary>
    public static GgufFormatException Rejects(byte[] bytes, string? expectedFragment = null, long? length = null)
    {
        var stream = new MemoryStream(bytes, 0, (int)(length ?? bytes.Length), writable: false);
        var ex = Assert.Throws<GgufFormatException>(() => GgufValidator.Validate(stream));
        Assert.DoesNotContain("unexpected", ex.Message, StringComparison.Ordinal);
        if (expectedFragment is not null)
        {
            Assert.Contains(expectedFragment, ex.Message, StringComparison.Ordinal);
        }

        return ex;
    }
}
