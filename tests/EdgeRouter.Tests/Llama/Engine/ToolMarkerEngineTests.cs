using EdgeRouter.Gguf;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;
using Xunit;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>
/// Families whose tool-call openers are control tokens (Llama's &lt;|python_tag|&gt;, Mistral's [TOOL_CALLS] and
/// [ARGS]): the engine hands them to the parser when tools are offered and keeps them (and every other control token)
/// out of the text otherwise. The random model is steered onto the control token by a logit bias and held to the call
/// by a grammar that a trigger token switches on, which also checks that lazy trigger tokens work.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class ToolMarkerEngineTests(TinyModelFixture fixture)
{
    private const int PythonTag = ModelSpec.FirstControlTokenId + 1;
    private const int ToolCalls = ModelSpec.FirstControlTokenId;
    private static readonly string[] LlamaTokens = ["<|eom_id|>", "<|python_tag|>"];
    private static readonly string[] MistralTokens = ["[TOOL_CALLS]", "[ARGS]"];

    // Llama 3.1 style: built-in tools are announced in the system turn and called after <|python_tag|>.
    private const string LlamaTemplate = """
        {%- if tools is not none %}{{- 'Environment: ipython\nTools: brave_search\n' }}{%- for t in tools %}{{- t | tojson + '\n' }}{%- endfor %}{%- endif %}
        {%- for message in messages %}
            {%- if message.tool_calls is defined and message.tool_calls %}
                {{- '<|im_start|>assistant\n<|python_tag|>' + message.tool_calls[0].function.name + '.call()<|im_end|>\n' }}
            {%- else %}
                {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' }}
            {%- endif %}
        {%- endfor %}
        {%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %}
        """;

    private const string MistralTemplate = """
        {%- for message in messages %}
            {%- if message.role == 'user' %}
                {%- if tools is not none and loop.last %}{{- '[AVAILABLE_TOOLS]' + tools | tojson + '[/AVAILABLE_TOOLS]' }}{%- endif %}
                {{- '[INST]' + message.content + '[/INST]' }}
            {%- elif message.tool_calls is defined and message.tool_calls %}
                {{- '[TOOL_CALLS]' + message.tool_calls[0].function.name + '[ARGS]' + message.tool_calls[0].function.arguments | tojson + '</s>' }}
            {%- else %}
                {{- message.content + '</s>' }}
            {%- endif %}
        {%- endfor %}
        """;

    private static readonly ToolDefinition Search =
        new("brave_search", "Web search", """{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""");

    [Fact]
    public void Generate_LlamaPythonTagCall_ParserSeesTheTagAndReadsTheBuiltInCall()
    {
        using var engine = Load("python-tag.gguf", LlamaTemplate, LlamaTokens);
        var request = Forced(PythonTag, "\"<|python_tag|>brave_search.call(query=\\\"\" [a-z]{1,6} \"\\\")\"") with { Tools = [Search] };

        var sink = new RecordingSink();
        var result = engine.Generate(request, sink, CancellationToken.None);

        var call = Assert.Single(result.ToolCalls ?? throw new Xunit.Sdk.XunitException($"no call: {result.FinishReason} '{sink.Text}'"));
        Assert.Equal("brave_search", call.Name);
        using var arguments = System.Text.Json.JsonDocument.Parse(call.ArgumentsJson);
        Assert.Matches("^[a-z]{1,6}$", arguments.RootElement.GetProperty("query").GetString());
        Assert.Equal("", sink.Text);
    }

    [Fact]
    public void Generate_ControlTokenWithoutTools_StaysOutOfTheText()
    {
        using var engine = Load("python-tag-plain.gguf", LlamaTemplate, LlamaTokens);
        var request = Forced(PythonTag, "\"<|python_tag|>brave_search.call(query=\\\"\" [a-z]{1,6} \"\\\")\"") with { Tools = [Search], ToolChoice = ToolChoice.None };

        var sink = new RecordingSink();
        var result = engine.Generate(request, sink, CancellationToken.None);

        Assert.False(result.HasToolCalls);
        Assert.StartsWith("brave_search.call(query=\"", sink.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<|", sink.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MistralControlTokenCall_ReadsNameAndArguments()
    {
        using var engine = Load("mistral-markers.gguf", MistralTemplate, MistralTokens);
        var request = Forced(ToolCalls, "\"[TOOL_CALLS]brave_search[ARGS]{\\\"query\\\": \\\"\" [a-z]{1,6} \"\\\"}\"") with { Tools = [Search] };

        var sink = new RecordingSink();
        var result = engine.Generate(request, sink, CancellationToken.None);

        var call = Assert.Single(result.ToolCalls ?? throw new Xunit.Sdk.XunitException($"no call: {result.FinishReason} '{sink.Text}'"));
        Assert.Equal("brave_search", call.Name);
        Assert.Matches("^[a-z]{1,6}$", System.Text.Json.JsonDocument.Parse(call.ArgumentsJson).RootElement.GetProperty("query").GetString());
        Assert.Equal(9, call.Id.Length);
    }

    /// <summary>The opener wins the first step by its bias; from there the grammar (triggered by that token) holds the call.</summary>
    private static GenerationRequest Forced(int opener, string gbnfRoot) =>
        GenerationRequest.Chat([new ChatMessage("user", "search cats")], SamplingOptions.Greedy with
        {
            MaxTokens = 60,
            LogitBias = new Dictionary<int, float> { [opener] = 100f },
        }) with
        {
            Grammar = new GrammarConstraint("root ::= " + gbnfRoot) { LazyTriggerTokens = [opener] },
        };

    private LlamaEngine Load(string file, string template, string[] controlTokens)
    {
        var path = fixture.TempPath(file);
        ModelGenerator.Generate(new ModelSpec
        {
            Shape = ModelShape.Tiny, TensorType = GgufTensorType.F32, Seed = 7, ChatTemplate = template, ControlTokens = controlTokens,
        }, path);
        return fixture.LoadFreshEngine(fixture.Options with { ModelPath = path });
    }
}
