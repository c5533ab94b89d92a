namespace EdgeRouter.Prompts.Tests;

public sealed class AssemblyTests
{
    [Fact]
    public void PromptsAssembly_IsAotCompatible_Loads() =>
        Assert.Equal("EdgeRouter.Prompts", typeof(PromptsAssembly).Assembly.GetName().Name);
}
