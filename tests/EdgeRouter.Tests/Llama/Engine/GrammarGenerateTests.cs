using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;
using EdgeRouter.Prompts.Grammar;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>
/// The grammar on the real llama.cpp library and the random-weight model: whatever the weights prefer, the answer
/// parses and validates. Random weights are the hard case: the model's first choice is almost never allowed.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class GrammarGenerateTests(TinyModelFixture fixture)
{
    private readonly LlamaEngine _engine = fixture.Engine;

    [Fact]
    public void JsonObject_Greedy_IsAnObjectOrCutAtLength()
    {
        // "Any object" has unbounded strings: random weights may never close one. Whatever the ending, the text is
        // an object, complete when the finish is Stop.
        var (result, text) = Generate(JsonSchemaGrammar.AnyObject(), SamplingOptions.Greedy with { MaxTokens = 200 });
        Assert.StartsWith("{", text, StringComparison.Ordinal);
        if (result.FinishReason == FinishReason.Stop)
        {
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
        }
        else
        {
            Assert.Equal(FinishReason.Length, result.FinishReason);
        }
    }

    [Fact]
    public void Schema_Sampled_ValidatesAgainstIt()
    {
        var schema = JsonDocument.Parse("""
            {"type":"object","properties":{"city":{"type":"string","maxLength":8},"days":{"type":"integer","minimum":1,"maximum":14},
             "unit":{"enum":["c","f"]},"when":{"type":"string","format":"date"}},"required":["city","days","unit","when"],"additionalProperties":false}
            """).RootElement;
        for (uint seed = 1; seed <= 3; seed++)
        {
            var (result, text) = Generate(JsonSchemaGrammar.FromSchema(schema), new SamplingOptions { Temperature = 1f, Seed = seed });
            Assert.Equal(FinishReason.Stop, result.FinishReason);
            Assert.Null(new SubsetValidator(schema).Validate(JsonDocument.Parse(text).RootElement));
        }
    }

    [Fact]
    public void MaxTokens_BeforeTheJsonCloses_FinishesWithLength()
    {
        var schema = JsonDocument.Parse("""{"type":"array","items":{"type":"integer"},"minItems":50}""").RootElement;
        var (result, text) = Generate(JsonSchemaGrammar.FromSchema(schema), SamplingOptions.Greedy with { MaxTokens = 5 });
        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.StartsWith("[", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolCallGrammar_ForcedCall_ParsesAndValidates()
    {
        var parameters = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string","maxLength":6}},"required":["city"]}""").RootElement;
        var grammar = ToolCallGrammar.Build([("get_weather", parameters)], "<tool_call>\n", "\n</tool_call>");
        var (result, text) = Generate(grammar, SamplingOptions.Greedy);
        Assert.Equal(FinishReason.Stop, result.FinishReason);
        Assert.StartsWith("<tool_call>\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n</tool_call>", text, StringComparison.Ordinal);
        var call = JsonDocument.Parse(text["<tool_call>\n".Length..^"\n</tool_call>".Length]).RootElement;
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Null(new SubsetValidator(parameters).Validate(call.GetProperty("arguments")));
    }

    [Fact]
    public void LazyGrammar_FreeUntilTheTrigger_ThenConstrained()
    {
        var grammar = new GrammarConstraint(ToolCallGrammar.Build([("f", default)], "<tool_call>", "</tool_call>"))
        {
            LazyTriggerPatterns = ["[\\s\\S]*?(<tool_call>)[\\s\\S]*"],
        };
        // Nothing forces the opener, so the random model writes free text; the point is that a lazy grammar loads and runs.
        var result = _engine.Generate(
            GenerationRequest.Chat([new ChatMessage("user", "hello")], SamplingOptions.Greedy with { MaxTokens = 24 }) with { Grammar = grammar },
            new RecordingSink(), CancellationToken.None);
        Assert.NotEqual(FinishReason.Cancelled, result.FinishReason);
    }

    /// <summary>The done-when property: random schemas from the subset, greedy and seeded sampling alternating.</summary>
    [Property(MaxTest = 40, QuietOnSuccess = true)]
    public Property EveryStructuredAnswer_ParsesAndValidates() => Prop.ForAll(
        Arb.From(SchemaGen.Root.SelectMany(schema => Gen.Choose(0, 1000).Select(seed => (Schema: schema, Seed: seed)))),
        input =>
        {
            var schemaText = input.Schema.ToJsonString();
            var schema = JsonDocument.Parse(schemaText).RootElement;
            var sampling = input.Seed % 2 == 0
                ? SamplingOptions.Greedy
                : new SamplingOptions { Temperature = 1f, Seed = (uint)input.Seed };
            var (result, text) = Generate(JsonSchemaGrammar.FromSchema(schema), sampling);
            Assert.True(result.FinishReason == FinishReason.Stop, $"{result.FinishReason} after {result.CompletionTokens} tokens: {schemaText}\n{text}");
            JsonElement answer;
            try
            {
                answer = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException e)
            {
                throw new Xunit.Sdk.XunitException($"not JSON ({e.Message}): {text}\nschema: {schemaText}");
            }
            var problem = new SubsetValidator(schema).Validate(answer);
            Assert.True(problem is null, $"{problem}\nanswer: {text}\nschema: {schemaText}");
        });

    private (GenerationResult Result, string Text) Generate(string gbnf, SamplingOptions sampling)
    {
        var request = GenerationRequest.Chat([new ChatMessage("user", "Answer in JSON.")], sampling) with { Grammar = new GrammarConstraint(gbnf) };
        var sink = new RecordingSink();
        var result = _engine.Generate(request, sink, CancellationToken.None);
        return (result, sink.Text);
    }
}
