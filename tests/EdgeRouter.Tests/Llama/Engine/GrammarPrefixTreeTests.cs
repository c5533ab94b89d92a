using System.Text.Json;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;
using EdgeRouter.Prompts.Grammar;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>
/// The prefix tree only rules out tokens llama.cpp's grammar refuses: along random walks through several schemas, the
/// guide's greedy pick equals llama.cpp's own pass over the whole vocabulary at every step.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class GrammarPrefixTreeTests(TinyModelFixture fixture)
{
    public static TheoryData<string> Schemas => new()
    {
        """{"type":"object","properties":{"answer":{"type":"string"},"people":{"type":"array","items":{"type":"string"}},"count":{"type":"integer"}},"required":["answer","people","count"]}""",
        """{"type":"array","items":{"enum":["north","south","été"]},"minItems":2}""",
        """{"type":"object","properties":{"when":{"type":"string","format":"date"},"n":{"type":"number"},"ok":{"type":"boolean"}},"required":["when","n","ok"],"additionalProperties":false}""",
        """{"type":"string","maxLength":12}""",
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void GreedyPick_EqualsTheFullVocabularyPass(string schemaText)
    {
        var constraint = new GrammarConstraint(JsonSchemaGrammar.FromSchema(JsonDocument.Parse(schemaText).RootElement));
        var random = new Random(3);
        var logits = new float[fixture.Engine.VocabularySize];
        var walks = 0;
        var treeWalks = 0;
        while (walks < 6)
        {
            using var reference = fixture.Engine.CreateGrammarGuide(constraint);
            using var guide = fixture.Engine.CreateGrammarGuide(constraint);
            for (var step = 0; step < 40; step++)
            {
                for (var k = 0; k < logits.Length; k++)
                {
                    logits[k] = (float)(random.NextDouble() * 8 - 4);
                }
                // Ties too: a few equal maxima, where greedy keeps the lowest id.
                logits[random.Next(logits.Length)] = 4f;
                logits[random.Next(logits.Length)] = 4f;
                var best = GreedyPick.FirstIndexOfMax(logits);
                var expected = reference.PickGreedyFullScan(logits, best);
                var token = guide.PickGreedy(logits, best);
                Assert.Equal(expected, token);
                if (guide.IsEndOfGeneration(token))
                {
                    break;
                }
                reference.Accept(token);
                guide.Accept(token);
            }
            treeWalks += guide.TreeWalks;
            walks++;
        }
        Assert.True(treeWalks > 0, "no step needed the tree: the test compared nothing past the first check");
    }
}
