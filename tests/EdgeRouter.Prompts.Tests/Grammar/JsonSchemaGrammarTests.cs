using System.Text.Json;
using EdgeRouter.Prompts.Grammar;

namespace EdgeRouter.Prompts.Tests.Grammar;

public sealed class JsonSchemaGrammarTests
{
    private static string Convert(string schema) => JsonSchemaGrammar.FromSchema(JsonDocument.Parse(schema).RootElement);

    private static Dictionary<string, string> Rules(string grammar) => grammar
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split(" ::= ", 2))
        .ToDictionary(parts => parts[0], parts => parts[1]);

    [Fact]
    public void Grammar_StartsAtRoot_EveryReferencedRuleIsDefined()
    {
        var grammar = Convert("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"array","items":{"type":"integer"}}},"required":["a"]}""");
        var rules = Rules(grammar);
        Assert.Contains("root", rules.Keys);
        foreach (var body in rules.Values)
        {
            foreach (var word in body.Split(' ', '(', ')', '|', '?', '*', '+').Where(w => w.Length > 0 && char.IsAsciiLetter(w[0])))
            {
                Assert.True(rules.ContainsKey(word), $"rule '{word}' is used but not defined in:\n{grammar}");
            }
        }
    }

    [Theory]
    [InlineData("""{"type":"string"}""", "string")]
    [InlineData("""{"type":"number"}""", "number")]
    [InlineData("""{"type":"integer"}""", "integer")]
    [InlineData("""{"type":"boolean"}""", "boolean")]
    [InlineData("""{"type":"null"}""", "null")]
    [InlineData("""{}""", "value")]
    [InlineData("""true""", "value")]
    public void Primitive_Type_UsesItsRule(string schema, string rule) =>
        Assert.Equal(rule, Rules(Convert(schema))["root"]);

    [Fact]
    public void Object_RequiredAndOptional_InDeclarationOrder()
    {
        var rules = Rules(Convert("""{"type":"object","properties":{"id":{"type":"integer"},"name":{"type":"string"}},"required":["id"]}"""));
        Assert.Contains("\"\\\"id\\\"\"", rules.Values.First(v => v.Contains("\"\\\"id\\\"\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        // additionalProperties absent + properties declared = no extra keys (no free "string" key in any member rule).
        Assert.DoesNotContain(rules.Values, v => v.StartsWith("string ws \":\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Object_AdditionalPropertiesTrue_AllowsStringKeys() =>
        Assert.Contains(Rules(Convert("""{"type":"object","properties":{"a":{"type":"boolean"}},"additionalProperties":true}""")).Values,
            v => v.StartsWith("string ws \":\" ws value", StringComparison.Ordinal));

    [Fact]
    public void Object_NoProperties_IsAnyObject() =>
        Assert.Contains(Rules(Convert("""{"type":"object"}""")).Values, v => v.StartsWith("string ws \":\" ws value", StringComparison.Ordinal));

    [Fact]
    public void Array_MinMaxItems_BecomeARepetition()
    {
        var root = Rules(Convert("""{"type":"array","items":{"type":"boolean"},"minItems":2,"maxItems":4}"""));
        Assert.Contains(root.Values, v => v.Contains("{1,3}", StringComparison.Ordinal));
    }

    [Fact]
    public void Enum_And_Const_AreLiterals()
    {
        var rules = Rules(Convert("""{"type":"object","properties":{"e":{"enum":["a",1,null]},"c":{"const":"x\"y"}},"required":["e","c"]}"""));
        Assert.Contains(rules.Values, v => v == "\"\\\"a\\\"\" | \"1\" | \"null\"");
        Assert.Contains(rules.Values, v => v == "\"\\\"x\\\\\\\"y\\\"\"");
    }

    [Fact]
    public void TypeArray_And_AnyOf_AreAlternatives()
    {
        Assert.Equal("string | null", Rules(Convert("""{"type":["string","null"]}"""))[Rules(Convert("""{"type":["string","null"]}"""))["root"]]);
        var anyOf = Rules(Convert("""{"anyOf":[{"type":"integer"},{"type":"boolean"}]}"""));
        Assert.Equal("integer | boolean", anyOf[anyOf["root"]]);
    }

    [Fact]
    public void Ref_ToDefs_And_Recursion_Resolve()
    {
        var grammar = Convert("""
            {"$defs":{"node":{"type":"object","properties":{"v":{"type":"integer"},"next":{"anyOf":[{"$ref":"#/$defs/node"},{"type":"null"}]}},"required":["v","next"]}},
             "$ref":"#/$defs/node"}
            """);
        Assert.Contains("ref-node", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void StringLength_And_Formats()
    {
        Assert.Contains(Rules(Convert("""{"type":"string","minLength":2,"maxLength":5}""")).Values, v => v.Contains("char{2,5}", StringComparison.Ordinal));
        foreach (var format in new[] { "date", "time", "date-time", "uuid" })
        {
            Assert.Contains(format, Rules(Convert($$"""{"type":"string","format":"{{format}}"}""")).Keys);
        }
    }

    [Fact]
    public void IntegerBounds_BecomeDigitRanges()
    {
        var rules = Rules(Convert("""{"type":"integer","minimum":17,"maximum":349}"""));
        var body = rules[rules["root"]];
        Assert.Contains("\"1\" [7-9]", body, StringComparison.Ordinal);
        Assert.Contains("\"3\" [0-4] [0-9]", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"string","pattern":"^a+$"}""", "pattern")]
    [InlineData("""{"allOf":[{"type":"string"}]}""", "allOf")]
    [InlineData("""{"not":{"type":"string"}}""", "not")]
    [InlineData("""{"type":"number","multipleOf":2}""", "multipleOf")]
    [InlineData("""{"type":"array","uniqueItems":true}""", "uniqueItems")]
    [InlineData("""{"type":"array","prefixItems":[{"type":"string"}]}""", "prefixItems")]
    [InlineData("""{"type":"object","patternProperties":{"^x":{}}}""", "patternProperties")]
    [InlineData("""{"type":"string","format":"email"}""", "format 'email'")]
    [InlineData("""{"type":"number","minimum":-1.5}""", "minimum")]
    [InlineData("""{"type":"string","maxLength":5000}""", "maxLength")]
    [InlineData("""{"$ref":"https://example.com/s.json"}""", "$ref")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "$ref")]
    [InlineData("""{"$ref":"#"}""", "$ref")]
    [InlineData("""{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}""", "$ref")]
    [InlineData("""{"anyOf":[{"$ref":"#"},{"type":"string"}]}""", "$ref")]
    [InlineData("""{"type":"frobnicate"}""", "type")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":["b"]}""", "required")]
    [InlineData("""{"type":"integer","minimum":5,"maximum":1}""", "minimum")]
    [InlineData("""false""", "false")]
    public void Unsupported_NamesTheKeyword(string schema, string keyword)
    {
        var error = Assert.Throws<SchemaNotSupportedException>(() => Convert(schema));
        Assert.Equal(keyword, error.Keyword);
        Assert.Contains(keyword, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileNesting_IsRefused_NotAStackOverflow()
    {
        var schema = string.Concat(Enumerable.Repeat("""{"type":"array","items":""", 500)) + "{}" + new string('}', 500);
        var deep = JsonDocument.Parse(schema, new JsonDocumentOptions { MaxDepth = 2000 }).RootElement;
        Assert.Throws<SchemaNotSupportedException>(() => JsonSchemaGrammar.FromSchema(deep));
    }

    [Fact]
    public void Annotations_AreIgnored() =>
        Assert.Equal("string", Rules(Convert("""{"type":"string","title":"t","description":"d","default":"x","$schema":"s"}"""))["root"]);

    [Fact]
    public void AnyObject_IsTheObjectRule() => Assert.Equal("object", Rules(JsonSchemaGrammar.AnyObject())["root"]);
}
