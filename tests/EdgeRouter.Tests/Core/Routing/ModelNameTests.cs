using EdgeRouter.Core.Routing;

namespace EdgeRouter.Tests.Core.Routing;

public sealed class ModelNameTests
{
    [Theory]
    [InlineData("qwen", "qwen")]
    [InlineData("qwen", "qwen:latest")]
    [InlineData("qwen", "Qwen:LATEST")]
    [InlineData("qwen:latest", "qwen")]
    [InlineData("bge-small", " bge-small ")]
    public void Names_TheSameModelWithOrWithoutTheDefaultTag(string served, string requested) =>
        Assert.True(ModelName.Names(served, requested));

    [Theory]
    [InlineData("qwen", "qwen:7b")]
    [InlineData("qwen", "qwen2")]
    [InlineData("qwen", "latest")]
    [InlineData("qwen", "")]
    public void DoesNotName_AnotherTagOrModel(string served, string requested) =>
        Assert.False(ModelName.Names(served, requested));

    [Fact]
    public void WithoutDefaultTag_KeepsOtherTags() =>
        Assert.Equal("qwen:7b", ModelName.WithoutDefaultTag("qwen:7b"));
}
