using System.Diagnostics;
using System.Text;
using EdgeRouter.Prompts.Jinja;
using static EdgeRouter.Prompts.Tests.Jinja.JinjaRender;

namespace EdgeRouter.Prompts.Tests.Jinja;

/// <summary>
/// Templates come from model files nobody reviews. Each of these must fail its own render with a JinjaException
/// inside the budget: never hang, never overflow the stack, never take the process down.
/// </summary>
public sealed class HostileTemplateTests
{
    private const string Alphabet = "{}%#-+()[]'\"|.,:=<>!~*/ abc0123\n\\";

    private static readonly RenderBudget Small = new() { MaxSteps = 200_000, MaxOutputChars = 100_000, MaxDepth = 100, MaxCollectionLength = 100_000 };

    [Theory]
    [InlineData("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")]
    [InlineData("{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}{{ a() }}{% endmacro %}{{ a() }}")]
    public void Render_UnboundedRecursion_ExceedsDepthBudget(string template) =>
        Assert.Throws<JinjaBudgetExceededException>(() => Render(template, budget: Small));

    [Theory]
    [InlineData("{% for i in range(1000000000) %}x{% endfor %}")]
    [InlineData("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")]
    [InlineData("{% for a in 'x' * 50000 %}{% for b in 'y' * 50000 %}{% endfor %}{% endfor %}")]
    [InlineData("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}")]
    [InlineData("{{ 'x' * 1000000000 }}")]
    [InlineData("{% for i in range(90000) %}{{ 'abcdefghij' }}{% endfor %}")]
    [InlineData("{% set l = [1] %}{% for i in range(30) %}{% set l = l + l %}{% endfor %}")]
    [InlineData("{% set ns = namespace(x=[]) %}{% for i in range(100000) %}{% set ns.x = [ns.x] %}{% endfor %}{{ ns.x | tojson }}")]
    public void Render_HugeLoopsOrOutput_ExceedsBudget(string template)
    {
        var clock = Stopwatch.StartNew();
        Assert.Throws<JinjaBudgetExceededException>(() => Render(template, budget: Small));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Render_DeeplyNestedListBuiltByTemplate_PrintingExceedsNesting()
    {
        var template = "{% set ns = namespace(x=[]) %}{% for i in range(1000) %}{% set ns.x = [ns.x] %}{% endfor %}{{ ns.x }}";
        Assert.Throws<JinjaBudgetExceededException>(() => Render(template));
    }

    [Theory]
    [InlineData(100_000, "(", ")")]
    [InlineData(100_000, "[", "]")]
    [InlineData(100_000, "-", "")]
    [InlineData(100_000, "not ", "")]
    [InlineData(50_000, "{% if true %}", "{% endif %}")]
    [InlineData(50_000, "{% for x in [1] %}", "{% endfor %}")]
    public void Parse_DeepNesting_IsSyntaxErrorNotStackOverflow(int depth, string open, string close)
    {
        var inner = open.StartsWith("{%", StringComparison.Ordinal) ? "x" : "1";
        var template = open.StartsWith("{%", StringComparison.Ordinal)
            ? Repeat(open, depth) + inner + Repeat(close, depth)
            : "{{ " + Repeat(open, depth) + inner + Repeat(close, depth) + " }}";
        Assert.Throws<JinjaSyntaxException>(() => JinjaTemplate.Parse(template));
    }

    [Fact]
    public void Parse_LongOperatorChain_IsSyntaxErrorNotStackOverflow()
    {
        // A chain is a left-deep tree; evaluating 20,000 levels would recurse as deep, so the parser caps it.
        var template = "{{ " + string.Join(" + ", Enumerable.Repeat("1", 20_000)) + " }}";
        Assert.Throws<JinjaSyntaxException>(() => JinjaTemplate.Parse(template));
        Assert.Equal("50", JinjaTemplate.Parse("{{ " + string.Join(" + ", Enumerable.Repeat("1", 50)) + " }}").Render(new Dictionary<string, JinjaValue>()));
    }

    [Fact]
    public void Render_RandomTemplateSoup_OnlyJinjaExceptionsAndBounded()
    {
        // Seeded, so a failure reproduces: fragments of real template syntax glued together at random.
        string[] pieces =
        [
            "{{", "}}", "{%", "%}", "{#", "#}", "-", "if", "for", "in", "endif", "endfor", "set", "macro", "endmacro", "x", "loop",
            "(", ")", "[", "]", "{", "}", "'s'", "\"", "1", "0.5", "|", "tojson", "length", "is", "not", "defined", ".", ",", ":",
            "=", "==", "+", "*", "**", "range(99)", "ns", "namespace()", "messages", "~", " ", "\n", "else", "elif", "raise_exception",
            "m()", "items()", "[::-1]", "%", "//", "and", "or", "none", "true", "break", "continue", "raw", "endraw", "\\",
        ];
        var random = new Random(14);
        var budget = new RenderBudget { MaxSteps = 50_000, MaxOutputChars = 50_000, MaxDepth = 50, MaxCollectionLength = 50_000 };
        var clock = Stopwatch.StartNew();
        var rendered = 0;
        for (var i = 0; i < 3000; i++)
        {
            var sb = new StringBuilder();
            var count = random.Next(1, 40);
            for (var p = 0; p < count; p++)
            {
                sb.Append(pieces[random.Next(pieces.Length)]).Append(random.Next(3) == 0 ? " " : "");
            }

            try
            {
                Render(sb.ToString(), """{"x": [1, 2], "messages": [{"role": "user", "content": "hi"}]}""", budget);
                rendered++;
            }
            catch (JinjaException)
            {
            }
        }

        Assert.True(rendered > 0);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Render_RandomBytes_OnlyJinjaExceptions()
    {
        var random = new Random(1414);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 60)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = Alphabet[random.Next(Alphabet.Length)];
            }

            try
            {
                Render(new string(chars), budget: Small);
            }
            catch (JinjaException)
            {
            }
        }
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
