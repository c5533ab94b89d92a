using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

public sealed class ModelInfoReaderTests
{
    [Theory]
    [InlineData("all F32", "F32")]
    [InlineData("(guessed) Q8_0", "Q8_0")]
    [InlineData("Q4_K - Medium", "Q4_K - Medium")]
    public void Normalize_LlamaFtypeNames(string native, string expected) =>
        Assert.Equal(expected, ModelInfoReader.Normalize(native));
}
