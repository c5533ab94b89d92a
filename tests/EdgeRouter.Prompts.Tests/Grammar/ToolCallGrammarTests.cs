using System.Text.Json;
using EdgeRouter.Prompts.Grammar;

namespace EdgeRouter.Prompts.Tests.Grammar;

public sealed class ToolCallGrammarTests
{
    [Fact]
    public void Build_WrapsEveryToolInPrefixAndSuffix()
    {
        var weather = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;
        var empty = JsonDocument.Parse("{}").RootElement;
        var grammar = ToolCallGrammar.Build([("get_weather", weather), ("now", empty)], "<tool_call>\n", "\n</tool_call>");
        var root = grammar.Split('\n').Single(l => l.StartsWith("root ::= ", StringComparison.Ordinal));
        Assert.Equal("root ::= \"<tool_call>\\n\" tool-call \"\\n</tool_call>\"", root);
        Assert.Contains("\"\\\"get_weather\\\"\"", grammar, StringComparison.Ordinal);
        Assert.Contains("\"\\\"now\\\"\"", grammar, StringComparison.Ordinal);
        Assert.Contains("tool-0-args ::=", grammar, StringComparison.Ordinal);
        Assert.Contains("tool-1-args ::= object", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnsupportedParameters_NameTheTool()
    {
        var bad = JsonDocument.Parse("""{"type":"object","properties":{"x":{"type":"string","pattern":"a"}}}""").RootElement;
        var error = Assert.Throws<SchemaNotSupportedException>(() => ToolCallGrammar.Build([("f", bad)], "", ""));
        Assert.Equal("pattern", error.Keyword);
        Assert.StartsWith("tools[0].parameters", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildXml_TextAndJsonParameters_RequiredAlwaysOptionalMaybe()
    {
        var edit = JsonDocument.Parse("""
            {"type":"object","properties":{"mode":{"type":"string","enum":["a","b"]},"line":{"type":"integer"},"note":{"type":"string","maxLength":5}},
             "required":["mode","line"]}
            """).RootElement;
        var grammar = XmlToolCallGrammar.Build([("edit", edit)], "<tool_call>\n", "\n</tool_call>");
        var call = grammar.Split('\n').Single(l => l.StartsWith("tool-0-call ::= ", StringComparison.Ordinal));
        Assert.StartsWith("tool-0-call ::= \"<function=edit>\\n\" \"<parameter=mode>\\n\" ( \"a\" | \"b\" ) \"\\n</parameter>\\n\"", call, StringComparison.Ordinal);
        Assert.Contains("( \"<parameter=note>\\n\" ( xml-char ){0,5} \"\\n</parameter>\\n\" )?", call, StringComparison.Ordinal);
        Assert.EndsWith("\"</function>\"", call, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildXml_PatternOnTextParameter_NamesTheKeyword()
    {
        var bad = JsonDocument.Parse("""{"type":"object","properties":{"x":{"type":"string","format":"date"}}}""").RootElement;
        var error = Assert.Throws<SchemaNotSupportedException>(() => XmlToolCallGrammar.Build([("f", bad)], "", ""));
        Assert.Equal("format", error.Keyword);
        Assert.Equal("tools[0].parameters/properties/x", error.Path);
    }
}
