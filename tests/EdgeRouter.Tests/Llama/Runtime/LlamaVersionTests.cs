using EdgeRouter.Llama;
using EdgeRouter.Llama.Runtime;

namespace EdgeRouter.Tests.Llama.Runtime;

public sealed class LlamaVersionTests
{
    [Theory]
    [InlineData("0.5.0", 0)]
    [InlineData("0.5.0-dev", 0)]
    [InlineData("0.5.12", 12)]
    [InlineData("0.5", 0)]
    public void Check_PinnedMinor_Accepts(string reported, int patch)
    {
        var version = LlamaVersion.Check(reported);

        Assert.Equal(new Version(0, 5, patch), version);
    }

    [Fact]
    public void Check_OlderMinor_ThrowsNamingBothVersionsAndTheFix()
    {
        var ex = Assert.Throws<LlamaLibraryException>(() => LlamaVersion.Check("0.4.1", "/x/libllama.so"));

        Assert.Contains("/x/libllama.so", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0.4.1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0.5.x", ex.Message, StringComparison.Ordinal);
        Assert.Contains("struct layouts differ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/fetch-native.sh", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5.0")]
    [InlineData("0.6.0-dev")]
    public void Check_OtherMajorOrMinor_Throws(string reported) =>
        Assert.Throws<LlamaLibraryException>(() => LlamaVersion.Check(reported));

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("b4567")]
    [InlineData("0.x.1")]
    [InlineData("0.5.0.1")]
    public void Check_Unparseable_Throws(string reported)
    {
        var ex = Assert.Throws<LlamaLibraryException>(() => LlamaVersion.Check(reported));

        Assert.Contains("not a llama.cpp release version", ex.Message, StringComparison.Ordinal);
    }
}
