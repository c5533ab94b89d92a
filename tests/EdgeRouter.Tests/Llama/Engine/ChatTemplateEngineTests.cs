using EdgeRouter.Gguf;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;
using Xunit;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>
/// Generated models carrying chat templates: the engine renders with our Jinja interpreter when it can, says so in
/// ModelInfo and the log, falls back to llama.cpp's built-in formats when it cannot, and shows tools to the model
/// only when the template supports them.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class ChatTemplateEngineTests(TinyModelFixture fixture)
{
    private const string ToolTemplate =
        "{%- if tools %}{{- '<|im_start|>system\\nTools:\\n' }}{%- for tool in tools %}{{- tool | tojson + '\\n' }}{%- endfor %}" +
        "{{- 'Call them as <tool_call>{\"name\": .., \"arguments\": ..}</tool_call><|im_end|>\\n' }}{%- endif %}" +
        "{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}{%- endfor %}" +
        "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

    private static readonly ToolDefinition Weather =
        new("get_weather", "Current weather", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");

    [Fact]
    public void Load_GeneratedChatMlModel_RendersWithJinjaWithoutTools()
    {
        Assert.Equal(ModelChatTemplate.JinjaFormat, fixture.Engine.Model.ChatTemplateFormat);
        Assert.False(fixture.Engine.Model.SupportsTools);
        Assert.Contains(fixture.Logs.Records, r => r.EventId == 3205);
    }

    [Fact]
    public void Generate_ToolsForTemplateWithoutTools_ThrowsClientRenderError()
    {
        var request = LlamaEngineGenerateTests.Chat("Weather?", 2) with { Tools = [Weather] };

        var ex = Assert.Throws<PromptRenderException>(() => fixture.Engine.Generate(request, new RecordingSink(), CancellationToken.None));

        Assert.True(ex.IsClientError);
    }

    [Fact]
    public void Generate_ModelWithToolTemplate_PutsToolsIntoThePrompt()
    {
        using var engine = Load("tools.gguf", ToolTemplate, out _);
        Assert.True(engine.Model.SupportsTools);
        var plain = LlamaEngineGenerateTests.Chat("Weather?", 2);

        var without = engine.Generate(plain, new RecordingSink(), CancellationToken.None);
        var with = engine.Generate(plain with { Tools = [Weather] }, new RecordingSink(), CancellationToken.None);
        var none = engine.Generate(plain with { Tools = [Weather], ToolChoice = ToolChoice.None }, new RecordingSink(), CancellationToken.None);

        Assert.True(with.PromptTokens > without.PromptTokens + 10, $"{with.PromptTokens} vs {without.PromptTokens}");
        Assert.Equal(without.PromptTokens, none.PromptTokens);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Generate_ForcedToolChoice_RandomModelStillEmitsAValidCall(bool named)
    {
        // Random weights never choose a call by themselves: only the grammar from the tool's schema makes one.
        using var engine = Load("forced.gguf", ToolTemplate, out _);
        var time = new ToolDefinition("get_time", null, """{"type":"object","properties":{"zone":{"type":"string","enum":["utc","local"]}},"required":["zone"]}""");
        var request = LlamaEngineGenerateTests.Chat("Weather in Oslo?", 400) with
        {
            Tools = [Weather, time],
            ToolChoice = named ? ToolChoice.Function("get_time") : ToolChoice.Required,
        };

        var sink = new RecordingSink();
        var result = engine.Generate(request, sink, CancellationToken.None);

        var call = Assert.Single(result.ToolCalls ?? throw new Xunit.Sdk.XunitException($"no call: {result.FinishReason} '{sink.Text}'"));
        using var arguments = System.Text.Json.JsonDocument.Parse(call.ArgumentsJson);
        if (named || call.Name == "get_time")
        {
            Assert.Equal("get_time", call.Name);
            Assert.Contains(arguments.RootElement.GetProperty("zone").GetString(), new[] { "utc", "local" });
        }
        else
        {
            Assert.Equal("get_weather", call.Name);
            Assert.Equal(System.Text.Json.JsonValueKind.String, arguments.RootElement.GetProperty("city").ValueKind);
        }
    }

    [Fact]
    public void Generate_Qwen3CoderForcedCall_EmitsAnXmlCallWithTypedArguments()
    {
        const string coder =
            "{%- if tools %}{{- '<|im_start|>system\\n<tools>' }}{%- for tool in tools %}{{- '\\n' + tool.function.name }}{%- endfor %}" +
            "{{- '\\n</tools>\\nCall as <tool_call>\\n<function=NAME>\\n<parameter=ARG>\\nVALUE\\n</parameter>\\n</function>\\n</tool_call><|im_end|>\\n' }}{%- endif %}" +
            "{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}{%- endfor %}" +
            "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";
        using var engine = Load("coder.gguf", coder, out _);
        var move = new ToolDefinition("move", null,
            """{"type":"object","properties":{"dir":{"type":"string","enum":["up","down"]},"steps":{"type":"integer","minimum":1,"maximum":9},"fast":{"type":"boolean"}},"required":["dir","steps","fast"]}""");
        var request = LlamaEngineGenerateTests.Chat("Go", 200) with { Tools = [move], ToolChoice = ToolChoice.Required };

        var sink = new RecordingSink();
        var result = engine.Generate(request, sink, CancellationToken.None);

        var call = Assert.Single(result.ToolCalls ?? throw new Xunit.Sdk.XunitException($"no call: {result.FinishReason} '{sink.Text}'"));
        Assert.Equal("move", call.Name);
        using var arguments = System.Text.Json.JsonDocument.Parse(call.ArgumentsJson);
        Assert.Contains(arguments.RootElement.GetProperty("dir").GetString(), new[] { "up", "down" });
        Assert.InRange(arguments.RootElement.GetProperty("steps").GetInt32(), 1, 9);
        Assert.Contains(arguments.RootElement.GetProperty("fast").ValueKind, new[] { System.Text.Json.JsonValueKind.True, System.Text.Json.JsonValueKind.False });
    }

    [Theory]
    [InlineData("{% for i in range(1000000000) %}x{% endfor %}")]
    [InlineData("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}")]
    [InlineData("{% if %}")]
    public void Load_HostileOrBrokenTemplate_FallsBackToBuiltInAndStillAnswers(string template)
    {
        using var engine = Load("hostile.gguf", template, out var logs);

        Assert.Equal(ModelChatTemplate.BuiltInFormat, engine.Model.ChatTemplateFormat);
        Assert.Contains(logs.Records, r => r.EventId == 3206);
        var result = engine.Generate(LlamaEngineGenerateTests.Chat("Hi", 2), new RecordingSink(), CancellationToken.None);
        Assert.True(result.PromptTokens > 0);
    }

    [Fact]
    public void Generate_TemplateRaisingForThisConversation_ThrowsClientRenderError()
    {
        using var engine = Load("raising.gguf",
            "{% if messages | length > 1 %}{{ raise_exception('one message only') }}{% endif %}{{ messages[0].content }}", out _);
        var request = GenerationRequest.Chat([new ChatMessage("user", "a"), new ChatMessage("user", "b")], SamplingOptions.Greedy with { MaxTokens = 1 });

        var ex = Assert.Throws<PromptRenderException>(() => engine.Generate(request, new RecordingSink(), CancellationToken.None));

        Assert.True(ex.IsClientError);
        Assert.Contains("one message only", ex.Message, StringComparison.Ordinal);
    }

    private LlamaEngine Load(string file, string template, out ListLogger logs)
    {
        var path = fixture.TempPath(file);
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.Tiny, TensorType = GgufTensorType.F32, Seed = 7, ChatTemplate = template }, path);
        logs = new ListLogger();
        return fixture.LoadFreshEngine(fixture.Options with { ModelPath = path }, logs);
    }
}
