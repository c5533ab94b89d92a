using EdgeRouter.Prompts.ChatTemplates;
using EdgeRouter.Prompts.ToolCalls;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRouter.Prompts.Tests.ChatTemplates;

/// <summary>
/// Each family's template renders the exact prompt for system, user, assistant, assistant-with-tool-call and
/// tool-result turns: the conversation below covers all five.
/// </summary>
public sealed class ChatTemplateFamilyTests
{
    private const string WeatherTool =
        """{"type": "function", "function": {"name": "get_weather", "description": "Current weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}""";

    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    private static ChatTemplateInput ToolConversation() => new(
    [
        new TemplateMessage("system", "You are terse."),
        new TemplateMessage("user", "Weather in Paris?"),
        new TemplateMessage("assistant", null) { ToolCalls = [new TemplateToolCall("abc123xyz", "get_weather", """{"city":"Paris"}""")] },
        new TemplateMessage("tool", "18C") { ToolCallId = "abc123xyz", Name = "get_weather" },
        new TemplateMessage("assistant", "It is 18C."),
        new TemplateMessage("user", "Thanks"),
    ])
    {
        Tools = [new TemplateTool("get_weather", "Current weather", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")],
    };

    private static ChatTemplateInput PlainChat() => new([new TemplateMessage("system", "You are terse."), new TemplateMessage("user", "Hi")]);

    private static string Render(string template, ChatTemplateInput input, string bos = "", string eos = "") =>
        ChatTemplate.Parse(template, bos, eos, Clock).Render(input);

    [Fact]
    public void Render_QwenStyleToolConversation_ExactPrompt()
    {
        var expected =
            "<|im_start|>system\nYou are terse.\n\n# Tools\n\nYou may call functions. Signatures inside <tools></tools>:\n<tools>\n" +
            WeatherTool + "\n</tools>\n\nReturn each call as <tool_call>{\"name\": <name>, \"arguments\": <args>}</tool_call><|im_end|>\n" +
            "<|im_start|>user\nWeather in Paris?<|im_end|>\n" +
            "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call><|im_end|>\n" +
            "<|im_start|>user\n<tool_response>\n18C\n</tool_response><|im_end|>\n" +
            "<|im_start|>assistant\nIt is 18C.<|im_end|>\n" +
            "<|im_start|>user\nThanks<|im_end|>\n" +
            "<|im_start|>assistant\n";
        Assert.Equal(expected, Render(FamilyTemplates.QwenStyle, ToolConversation()));
    }

    [Fact]
    public void Render_QwenStylePlainChat_ExactPrompt() =>
        Assert.Equal(
            "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
            Render(FamilyTemplates.QwenStyle, PlainChat()));

    [Fact]
    public void Render_Llama31StyleToolConversation_ExactPromptWithTodaysDate()
    {
        var indentedTool =
            "{\n    \"type\": \"function\",\n    \"function\": {\n        \"name\": \"get_weather\",\n        \"description\": \"Current weather\",\n" +
            "        \"parameters\": {\n            \"type\": \"object\",\n            \"properties\": {\n                \"city\": {\n" +
            "                    \"type\": \"string\"\n                }\n            },\n            \"required\": [\n                \"city\"\n" +
            "            ]\n        }\n    }\n}";
        var expected =
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\nToday Date: 03 Dec 2026\n\n" +
            "Answer a function call as JSON {\"name\": function name, \"parameters\": arguments}.\n\n" + indentedTool + "\n\n" +
            "You are terse.<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nWeather in Paris?<|eot_id|>" +
            "<|start_header_id|>assistant<|end_header_id|>\n\n{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eot_id|>" +
            "<|start_header_id|>ipython<|end_header_id|>\n\n18C<|eot_id|>" +
            "<|start_header_id|>assistant<|end_header_id|>\n\nIt is 18C.<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nThanks<|eot_id|>" +
            "<|start_header_id|>assistant<|end_header_id|>\n\n";
        Assert.Equal(expected, Render(FamilyTemplates.Llama31Style, ToolConversation(), bos: "<|begin_of_text|>"));
    }

    [Fact]
    public void Render_Llama31StyleTwoParallelCalls_RaisesClientError()
    {
        var input = ToolConversation();
        var messages = input.Messages.ToList();
        messages[2] = messages[2] with { ToolCalls = [new TemplateToolCall("a", "f", "{}"), new TemplateToolCall("b", "g", "{}")] };
        var ex = Assert.Throws<ChatTemplateException>(() => Render(FamilyTemplates.Llama31Style, input with { Messages = messages }));
        Assert.True(ex.IsClientError);
        Assert.Contains("Only single tool calls are supported.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MistralStyleToolConversation_ExactPrompt()
    {
        var expected =
            "<s>[INST] Weather in Paris?[/INST]" +
            "[TOOL_CALLS] [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}, \"id\": \"abc123xyz\"}]</s>" +
            "[TOOL_RESULTS] {\"content\": \"18C\", \"call_id\": \"abc123xyz\"}[/TOOL_RESULTS]" +
            " It is 18C.</s>" +
            "[AVAILABLE_TOOLS] [" + WeatherTool + "][/AVAILABLE_TOOLS][INST] You are terse.\n\nThanks[/INST]";
        Assert.Equal(expected, Render(FamilyTemplates.MistralStyle, ToolConversation(), bos: "<s>", eos: "</s>"));
    }

    [Fact]
    public void Render_MistralStyleShortToolCallId_RaisesClientError()
    {
        var input = ToolConversation();
        var messages = input.Messages.ToList();
        messages[2] = messages[2] with { ToolCalls = [new TemplateToolCall("call_1", "get_weather", "{}")] };
        Assert.True(Assert.Throws<ChatTemplateException>(() => Render(FamilyTemplates.MistralStyle, input with { Messages = messages })).IsClientError);
    }

    [Fact]
    public void Render_HermesStyleToolConversation_ExactPrompt()
    {
        var expected =
            "<s><|im_start|>system\nYou are a function calling AI model. Functions:\n<tools>\n" +
            "get_weather(city: string (required)) - Current weather\n" +
            "</tools>\nCall with <tool_call>{\"name\": ..., \"arguments\": ...}</tool_call><|im_end|>\n" +
            "<|im_start|>system\nYou are terse.<|im_end|>\n" +
            "<|im_start|>user\nWeather in Paris?<|im_end|>\n" +
            "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<|im_end|>\n" +
            "<|im_start|>tool\n<tool_response>\n{\"name\": \"get_weather\", \"content\": \"18C\"}\n</tool_response><|im_end|>\n" +
            "<|im_start|>assistant\nIt is 18C.<|im_end|>\n" +
            "<|im_start|>user\nThanks<|im_end|>\n" +
            "<|im_start|>assistant\n";
        Assert.Equal(expected, Render(FamilyTemplates.HermesStyle, ToolConversation(), bos: "<s>"));
    }

    [Fact]
    public void Render_Qwen3CoderStyleToolConversation_ExactPrompt()
    {
        var input = ToolConversation();
        var messages = input.Messages.ToList();
        messages[2] = messages[2] with { ToolCalls = [new TemplateToolCall("c1", "get_weather", """{"city":"Paris","days":[1,2]}""")] };
        var tools = new[]
        {
            new TemplateTool("get_weather", "Current weather ",
                """{"type":"object","properties":{"city":{"type":"string","enum":["Paris","Oslo"]},"days":{"type":"array","items":{"type":"integer"}}},"required":["city"]}"""),
        };
        var expected =
            "<|im_start|>system\nYou are terse.\n\n# Tools\n\n<tools>\n<function>\n<name>get_weather</name>\n<description>Current weather</description>\n" +
            "<parameters>\n<parameter>\n<name>city</name>\n<type>string</type>\n<enum>[\"Paris\", \"Oslo\"]</enum>\n</parameter>\n" +
            "<parameter>\n<name>days</name>\n<type>array</type>\n<items>{\"type\": \"integer\"}</items>\n</parameter>\n" +
            "<required>[\"city\"]</required>\n</parameters>\n</function>\n</tools>\n\n" +
            "Call a function ONLY like this:\n<tool_call>\n<function=name>\n<parameter=arg>\nvalue\n</parameter>\n</function>\n</tool_call><|im_end|>\n" +
            "<|im_start|>user\nWeather in Paris?<|im_end|>\n" +
            "<|im_start|>assistant\n<tool_call>\n<function=get_weather>\n<parameter=city>\nParis\n</parameter>\n" +
            "<parameter=days>\n[1, 2]\n</parameter>\n</function>\n</tool_call><|im_end|>\n" +
            "<|im_start|>user\n<tool_response>\n18C\n</tool_response>\n<|im_end|>\n" +
            "<|im_start|>assistant\nIt is 18C.<|im_end|>\n" +
            "<|im_start|>user\nThanks<|im_end|>\n" +
            "<|im_start|>assistant\n";
        Assert.Equal(expected, Render(FamilyTemplates.Qwen3CoderStyle, input with { Messages = messages, Tools = tools }));
    }

    [Fact]
    public void Render_ChatMlWithoutGenerationPrompt_EndsAfterLastTurn() =>
        Assert.Equal(
            "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n",
            Render(FamilyTemplates.ChatMl, PlainChat() with { AddGenerationPrompt = false }));

    [Theory]
    [InlineData(FamilyTemplates.QwenStyle, true, ToolCallFamily.Hermes)]
    [InlineData(FamilyTemplates.Llama31Style, true, ToolCallFamily.Llama3)]
    [InlineData(FamilyTemplates.MistralStyle, true, ToolCallFamily.Mistral)]
    [InlineData(FamilyTemplates.HermesStyle, true, ToolCallFamily.Hermes)]
    [InlineData(FamilyTemplates.Qwen3CoderStyle, true, ToolCallFamily.Qwen3Coder)]
    [InlineData(FamilyTemplates.ChatMl, false, ToolCallFamily.Generic)]
    public void Parse_FamilyTemplate_DetectsToolSupportAndSyntax(string template, bool supportsTools, ToolCallFamily family)
    {
        var parsed = ChatTemplate.Parse(template, "", "", Clock);
        Assert.Equal(supportsTools, parsed.Capabilities.SupportsTools);
        Assert.Equal(supportsTools, parsed.Capabilities.SupportsToolCalls);
        Assert.Equal(family, parsed.ToolSyntax!.Family);
    }
}
