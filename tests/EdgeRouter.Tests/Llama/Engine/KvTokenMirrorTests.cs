using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

public sealed class KvTokenMirrorTests
{
    [Fact]
    public void ReusablePrefix_Empty_IsZero() => Assert.Equal(0, new KvTokenMirror().ReusablePrefix([1, 2, 3]));

    [Fact]
    public void ReusablePrefix_Diverging_IsCommonLength()
    {
        var mirror = With(1, 2, 3, 4, 5);

        Assert.Equal(2, mirror.ReusablePrefix([1, 2, 9, 4]));
    }

    [Fact]
    public void ReusablePrefix_IdenticalPrompt_LeavesLastTokenToDecode()
    {
        var mirror = With(1, 2, 3);

        Assert.Equal(2, mirror.ReusablePrefix([1, 2, 3]));
    }

    [Fact]
    public void ReusablePrefix_PromptExtendsCache_KeepsAllCached()
    {
        var mirror = With(1, 2, 3);

        Assert.Equal(3, mirror.ReusablePrefix([1, 2, 3, 4, 5]));
    }

    [Fact]
    public void ReusablePrefix_PromptIsPrefixOfCache_LeavesLastTokenToDecode()
    {
        var mirror = With(1, 2, 3, 4, 5);

        Assert.Equal(2, mirror.ReusablePrefix([1, 2, 3]));
    }

    [Fact]
    public void Append_BeyondCapacity_Grows()
    {
        var mirror = new KvTokenMirror();
        for (var i = 0; i < 1000; i++)
        {
            mirror.Append(i);
        }

        mirror.Append([1000, 1001]);
        mirror.Truncate(10);

        Assert.Equal(Enumerable.Range(0, 10), mirror.Tokens.ToArray());
    }

    private static KvTokenMirror With(params int[] tokens)
    {
        var mirror = new KvTokenMirror();
        mirror.Append(tokens);
        return mirror;
    }
}
