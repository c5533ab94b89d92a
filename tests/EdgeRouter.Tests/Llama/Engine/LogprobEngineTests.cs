using EdgeRouter.Core.Inference;
using Xunit;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>
/// Log-probabilities come from the model's raw distribution (llama-server's default), one entry per emitted token,
/// and nothing is computed for requests that do not ask.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class LogprobEngineTests(TinyModelFixture fixture)
{
    [Fact]
    public void Generate_Greedy_ChosenIsTheMostLikelyAlternative()
    {
        var sink = new RecordingSink();
        var result = fixture.Engine.Generate(LlamaEngineGenerateTests.Chat("the cat", 6) with { Logprobs = 3 }, sink, CancellationToken.None);

        Assert.Equal(result.CompletionTokens, sink.Logprobs.Count);
        foreach (var entry in sink.Logprobs)
        {
            Assert.Equal(3, entry.Top.Count);
            Assert.Equal(entry.Top[0].Id, entry.Chosen.Id);
            Assert.Equal(entry.Top[0].Bytes, entry.Chosen.Bytes);
            Assert.Equal(entry.Top[0].Logprob, entry.Chosen.Logprob);
            Assert.True(entry.Top[0].Logprob >= entry.Top[1].Logprob && entry.Top[1].Logprob >= entry.Top[2].Logprob);
            Assert.InRange(entry.Top.Sum(t => Math.Exp(t.Logprob)), 0, 1.0001);
        }
    }

    [Fact]
    public void Generate_TokenBannedByLogitBias_LogprobsStayThoseOfTheRawDistribution()
    {
        var first = new RecordingSink();
        fixture.Engine.Generate(LlamaEngineGenerateTests.Chat("the cat", 1) with { Logprobs = 2 }, first, CancellationToken.None);
        var favourite = first.Logprobs[0].Top[0];
        var banned = LlamaEngineGenerateTests.Chat("the cat", 1) with { Logprobs = 2 };
        banned = banned with { Sampling = banned.Sampling with { LogitBias = new Dictionary<int, float> { [favourite.Id] = -100f } } };

        var sink = new RecordingSink();
        fixture.Engine.Generate(banned, sink, CancellationToken.None);

        var entry = Assert.Single(sink.Logprobs);
        // The banned token is still the most likely under the model; the one drawn instead reports its own lower logprob.
        Assert.Equal((favourite.Id, favourite.Logprob), (entry.Top[0].Id, entry.Top[0].Logprob));
        Assert.NotEqual(favourite.Id, entry.Chosen.Id);
        Assert.True(entry.Chosen.Logprob < favourite.Logprob);
    }

    [Fact]
    public void Generate_WithoutLogprobs_ReportsNone()
    {
        var sink = new RecordingSink();
        fixture.Engine.Generate(LlamaEngineGenerateTests.Chat("the cat", 4), sink, CancellationToken.None);
        Assert.Empty(sink.Logprobs);
    }
}
