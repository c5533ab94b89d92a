using EdgeRouter.Prompts.ToolCalls;

namespace EdgeRouter.Prompts.Tests.ToolCalls;

public sealed class ToolCallParserTests
{
    [Fact]
    public void Parse_HermesTwoCalls_ReturnsBothWithCompactArguments()
    {
        var text = "Let me check.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n" +
                   "<tool_call>{\"name\":\"get_time\",\"arguments\":{}}</tool_call>";
        var result = ToolCallParser.Parse(ToolCallFamily.Hermes, text);
        Assert.Equal("Let me check.", result.Content);
        Assert.Equal([new ParsedToolCall("get_weather", """{"city":"Paris"}"""), new ParsedToolCall("get_time", "{}")], result.Calls);
    }

    [Theory]
    [InlineData("<tool_call>\n{\"name\": \"f\", \"arguments\": \"{\\\"a\\\": 1}\"}\n</tool_call>", "{\"a\":1}")]
    [InlineData("<tool_call>{\"name\": \"f\"}", "{}")]
    [InlineData("<tool_call>{\"name\": \"f\", \"arguments\": {\"s\": \"}</tool_call>\"}}</tool_call>", "{\"s\":\"}</tool_call>\"}")]
    public void Parse_HermesVariants_ReadArguments(string text, string arguments)
    {
        var call = Assert.Single(ToolCallParser.Parse(ToolCallFamily.Hermes, text).Calls);
        Assert.Equal("f", call.Name);
        Assert.Equal(arguments, call.ArgumentsJson);
    }

    [Theory]
    [InlineData("<tool_call>{\"name\": \"f\", \"arguments\": {\"a\": </tool_call>")]
    [InlineData("<tool_call>{\"arguments\": {}}</tool_call>")]
    [InlineData("<tool_call>not json</tool_call>")]
    [InlineData("Just an answer with {\"name\": \"f\"} in it.")]
    public void Parse_HermesMalformed_KeepsEverythingAsContent(string text)
    {
        var result = ToolCallParser.Parse(ToolCallFamily.Hermes, text);
        Assert.False(result.HasCalls);
        Assert.Equal(text, result.Content);
    }

    [Theory]
    [InlineData("{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}", "")]
    [InlineData("  <|python_tag|>{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}", "")]
    [InlineData("Sure.<|python_tag|>{\"type\": \"function\", \"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}", "Sure.")]
    public void Parse_Llama3JsonCall_ReturnsCall(string text, string content)
    {
        var result = ToolCallParser.Parse(ToolCallFamily.Llama3, text);
        Assert.Equal(content, result.Content);
        Assert.Equal(new ParsedToolCall("get_weather", """{"city":"Paris"}"""), Assert.Single(result.Calls));
    }

    [Fact]
    public void Parse_Llama3SeveralCallsSeparatedBySemicolon_ReturnsAll()
    {
        var result = ToolCallParser.Parse(ToolCallFamily.Llama3, "{\"name\": \"a\", \"parameters\": {}}; {\"name\": \"b\", \"parameters\": {\"x\": 1}}");
        Assert.Equal(["a", "b"], result.Calls.Select(c => c.Name));
    }

    [Fact]
    public void Parse_Llama3BuiltinPythonCall_ReturnsCall()
    {
        var result = ToolCallParser.Parse(ToolCallFamily.Llama3, "<|python_tag|>brave_search.call(query=\"weather in Paris\", count=3)");
        Assert.Equal(new ParsedToolCall("brave_search", """{"query":"weather in Paris","count":3}"""), Assert.Single(result.Calls));
    }

    [Theory]
    [InlineData("{\"answer\": 42}")]
    [InlineData("The JSON {\"name\": \"f\", \"parameters\": {}} is an example.")]
    [InlineData("{\"name\": \"f\", \"parameters\": {} trailing")]
    public void Parse_Llama3OrdinaryAnswer_IsContent(string text)
    {
        var result = ToolCallParser.Parse(ToolCallFamily.Llama3, text);
        Assert.False(result.HasCalls);
        Assert.Equal(text, result.Content);
    }

    [Fact]
    public void Parse_MistralArray_ReturnsCallsWithIds()
    {
        var result = ToolCallParser.Parse(ToolCallFamily.Mistral,
            "[TOOL_CALLS] [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}, \"id\": \"abc123xyz\"}, {\"name\": \"g\", \"arguments\": {}}]");
        Assert.Equal(
            [new ParsedToolCall("get_weather", """{"city":"Paris"}""", "abc123xyz"), new ParsedToolCall("g", "{}")],
            result.Calls);
    }

    [Fact]
    public void Parse_MistralNamedArgsForm_ReturnsCalls()
    {
        var result = ToolCallParser.Parse(ToolCallFamily.Mistral, "[TOOL_CALLS]get_weather[ARGS]{\"city\": \"Paris\"}[TOOL_CALLS]g[ARGS]{}");
        Assert.Equal([new ParsedToolCall("get_weather", """{"city":"Paris"}"""), new ParsedToolCall("g", "{}")], result.Calls);
    }

    [Fact]
    public void Parse_MistralBareArrayWithoutControlToken_ReturnsCalls() =>
        Assert.Equal("f", Assert.Single(ToolCallParser.Parse(ToolCallFamily.Mistral, " [{\"name\": \"f\", \"arguments\": {}}]").Calls).Name);

    [Theory]
    [InlineData("[TOOL_CALLS] [{\"name\": \"f\", \"arguments\": ")]
    [InlineData("No calls here.")]
    public void Parse_MistralWithoutCompleteCall_IsContent(string text) =>
        Assert.False(ToolCallParser.Parse(ToolCallFamily.Mistral, text).HasCalls);

    [Theory]
    [InlineData("<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>")]
    [InlineData("[TOOL_CALLS][{\"name\": \"f\", \"arguments\": {}}]")]
    [InlineData("{\"name\": \"f\", \"arguments\": {}}")]
    public void Parse_GenericFamily_RecognisesEveryForm(string text) =>
        Assert.Equal("f", Assert.Single(ToolCallParser.Parse(ToolCallFamily.Generic, text).Calls).Name);

    [Theory]
    [InlineData(ToolCallFamily.Hermes, "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\":1}}\n</tool_call>")]
    [InlineData(ToolCallFamily.Llama3, "{\"name\": \"f\", \"parameters\": {\"a\":1}}")]
    [InlineData(ToolCallFamily.Mistral, "[TOOL_CALLS][{\"name\": \"f\", \"arguments\": {\"a\":1}}]")]
    [InlineData(ToolCallFamily.Qwen3Coder, "<tool_call>\n<function=f>\n<parameter=a>\n1\n</parameter>\n</function>\n</tool_call>")]
    public void FormatCall_EachFamily_ParsesBackToSameCall(ToolCallFamily family, string expected)
    {
        var syntax = family switch
        {
            ToolCallFamily.Hermes => ToolCallSyntax.Hermes,
            ToolCallFamily.Llama3 => ToolCallSyntax.Llama3,
            ToolCallFamily.Qwen3Coder => ToolCallSyntax.Qwen3Coder,
            _ => ToolCallSyntax.Mistral,
        };
        var text = syntax.FormatCall("f", "{\"a\":1}");
        Assert.Equal(expected, text);
        var schemas = new Dictionary<string, string?> { ["f"] = """{"type":"object","properties":{"a":{"type":"integer"}}}""" };
        Assert.Equal(new ParsedToolCall("f", "{\"a\":1}"), Assert.Single(ToolCallParser.Parse(family, text, schemas).Calls));
    }

    private static readonly Dictionary<string, string?> CoderSchemas = new()
    {
        ["edit"] = """
            {"type":"object","properties":{"path":{"type":"string"},"line":{"type":"integer"},"ratio":{"type":"number"},
             "dry":{"type":"boolean"},"opts":{"type":"object"},"tags":{"type":"array"},"note":{"type":["string","null"]}}}
            """,
    };

    [Fact]
    public void Parse_Qwen3CoderCall_ConvertsValuesByTheSchemaTypes()
    {
        var text = "I will edit it.\n<tool_call>\n<function=edit>\n<parameter=path>\nsrc/a b.cs\n</parameter>\n" +
                   "<parameter=line>\n42\n</parameter>\n<parameter=ratio>\n0.5\n</parameter>\n<parameter=dry>\ntrue\n</parameter>\n" +
                   "<parameter=opts>\n{\"x\": [1, 2]}\n</parameter>\n<parameter=tags>\n[\"a\"]\n</parameter>\n" +
                   "<parameter=note>\n12\n</parameter>\n<parameter=extra>\nif (a < b) { }\n</parameter>\n</function>\n</tool_call>";
        var result = ToolCallParser.Parse(ToolCallFamily.Qwen3Coder, text, CoderSchemas);
        Assert.Equal("I will edit it.", result.Content);
        var call = Assert.Single(result.Calls);
        Assert.Equal("edit", call.Name);
        Assert.Equal(
            """{"path":"src/a b.cs","line":42,"ratio":0.5,"dry":true,"opts":{"x":[1,2]},"tags":["a"],"note":"12","extra":"if (a < b) { }"}""",
            call.ArgumentsJson);
    }

    [Fact]
    public void Parse_Qwen3CoderMultilineStringAndTwoCalls_KeepsTextRawAndReadsBoth()
    {
        var text = "<tool_call>\n<function=edit>\n<parameter=path>\nline one\n  line two\n</parameter>\n</function>\n</tool_call>\n" +
                   "<function=edit>\n<parameter=line>\nnot a number\n</parameter>\n</function>";
        var calls = ToolCallParser.Parse(ToolCallFamily.Qwen3Coder, text, CoderSchemas).Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal("""{"path":"line one\n  line two"}""", calls[0].ArgumentsJson);
        // A value that is not the JSON its type asks for stays the model's text rather than vanishing.
        Assert.Equal("""{"line":"not a number"}""", calls[1].ArgumentsJson);
    }

    [Theory]
    [InlineData("<tool_call>\n<function=edit>\n<parameter=path>\nunclosed")]
    [InlineData("<tool_call>\n<function=>\n</function>\n</tool_call>")]
    [InlineData("Use <function=f> like this")]
    public void Parse_Qwen3CoderMalformed_KeepsEverythingAsContent(string text)
    {
        var result = ToolCallParser.Parse(ToolCallFamily.Qwen3Coder, text, CoderSchemas);
        Assert.False(result.HasCalls);
        Assert.Equal(text, result.Content);
    }

    [Fact]
    public void Parse_GenericFamily_RecognisesXmlCalls() =>
        Assert.Equal("edit", Assert.Single(ToolCallParser.Parse(ToolCallFamily.Generic, "<function=edit>\n</function>").Calls).Name);
}
