using System.Numerics;
using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

public sealed class GreedyPickTests
{
    /// <summary>llama_sampler_greedy_apply's loop: the first strictly larger logit wins.</summary>
    private static int Reference(float[] logits)
    {
        var selected = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[selected])
            {
                selected = i;
            }
        }
        return selected;
    }

    public static TheoryData<int> Lengths()
    {
        var width = Vector<float>.Count;
        return new TheoryData<int>(1, 2, width - 1, width, width + 1, 2 * width, 3 * width + 3, 1000, 151_936);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RandomLogits_MatchLlamaCpp(int length)
    {
        var random = new Random(length);
        for (var round = 0; round < 20; round++)
        {
            var logits = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 40 - 20)).ToArray();
            Assert.Equal(Reference(logits), GreedyPick.FirstIndexOfMax(logits));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MaximumAtEveryPosition_IsFound(int length)
    {
        var logits = new float[length];
        Array.Fill(logits, -3f);
        foreach (var at in new[] { 0, length / 2, length - 1 }.Distinct())
        {
            logits[at] = 5f;
            Assert.Equal(at, GreedyPick.FirstIndexOfMax(logits));
            logits[at] = -3f;
        }
    }

    [Fact]
    public void Tie_KeepsTheEarlierToken()
    {
        var logits = new float[100];
        Array.Fill(logits, -1f);
        logits[71] = 2f;
        logits[13] = 2f;
        logits[99] = 2f;

        Assert.Equal(13, GreedyPick.FirstIndexOfMax(logits));
    }

    [Fact]
    public void AllEqual_PicksTheFirst() => Assert.Equal(0, GreedyPick.FirstIndexOfMax(new float[64]));

    [Fact]
    public void NegativeAndSignedZeroLogits_MatchLlamaCpp()
    {
        float[] negative = [-9f, -0.5f, -7f, -0.5f, -100f, -3f, -2f, -1f, -6f, -0.75f, -11f];
        float[] zeros = [-1f, -0f, 0f, -2f, -0f, -5f, -4f, -3f, 0f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f];

        Assert.Equal(Reference(negative), GreedyPick.FirstIndexOfMax(negative));
        Assert.Equal(Reference(zeros), GreedyPick.FirstIndexOfMax(zeros));
    }

    [Fact]
    public void NaNLogits_FollowLlamaCppsLoop()
    {
        var logits = Enumerable.Range(0, 40).Select(i => (float)i).ToArray();
        logits[5] = float.NaN;
        logits[0] = float.NaN;

        Assert.Equal(Reference(logits), GreedyPick.FirstIndexOfMax(logits));
    }

    [Fact]
    public void Empty_IsRejected() => Assert.Throws<ArgumentException>(() => GreedyPick.FirstIndexOfMax([]));
}
