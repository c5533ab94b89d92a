using EdgeRouter.Prompts.Jinja;
using static EdgeRouter.Prompts.Tests.Jinja.JinjaRender;

namespace EdgeRouter.Prompts.Tests.Jinja;

public sealed class JinjaTemplateTests
{
    [Theory]
    [InlineData("Hello {{ name }}!", "Hello World!")]
    [InlineData("{{ 'a' + name + \"b\" }}", "aWorldb")]
    [InlineData("{{ name ~ 1 ~ true }}", "World1True")]
    [InlineData("{{ missing }}|{{ missing.deeper }}", "|")]
    [InlineData("{{ 7 // 2 }} {{ 7 / 2 }} {{ 7 % 3 }} {{ 2 ** 10 }} {{ -3 + 1 }} {{ 1.0 * 3 }}", "3 3.5 1 1024 -2 3.0")]
    [InlineData("{{ 'ab' * 3 }}", "ababab")]
    [InlineData("{{ 'x\\n\\ty' }}", "x\n\ty")]
    [InlineData("{{ 'a' 'b' }}", "ab")]
    [InlineData("{{ none }} {{ True }} {{ false }}", "None True False")]
    [InlineData("{{ [1, 'a', none, true] }} {{ {'k': 'v', 'n': 1} }}", "[1, 'a', None, True] {'k': 'v', 'n': 1}")]
    [InlineData("{{ 'yes' if name == 'World' else 'no' }}{{ 'x' if false }}", "yes")]
    [InlineData("{{ 'orl' in name }} {{ 'z' not in name }} {{ 2 in [1, 2] }} {{ 'k' in {'k': 1} }}", "True True True True")]
    [InlineData("{{ name[0] }}{{ name[-1] }}{{ name[1:3] }}{{ name[::-1] }}", "WdordlroW")]
    [InlineData("{{ 1 < 2 and 2 <= 2 and not 3 > 4 }} {{ 0 or 'fallback' }}", "True fallback")]
    public void Render_Expressions_MatchPythonJinja(string template, string expected) =>
        Assert.Equal(expected, Render(template, """{"name": "World"}"""));

    [Theory]
    [InlineData("{{ items | length }} {{ items | join(', ') }} {{ items | first }} {{ items | last }}", "3 a, b, c a c")]
    [InlineData("{{ '  pad  ' | trim }}|{{ 'Ab' | upper }}{{ 'Ab' | lower }}|{{ 'hello world' | title }}", "pad|ABab|Hello World")]
    [InlineData("{{ missing | default('d') }} {{ '' | default('e', true) }} {{ 'x' | d('y') }}", "d e x")]
    [InlineData("{{ items | reverse | join }} {{ items | list | length }} {{ [3, 1, 2] | sort | join }}", "cba 3 123")]
    [InlineData("{{ '3' | int + 1 }} {{ 2 | float }} {{ -4 | abs }} {{ 42 | string }}", "4 2.0 4 42")]
    [InlineData("{{ 'a-b' | replace('-', '+') }} {{ 'x' | safe }}", "a+b x")]
    [InlineData("{{ people | map(attribute='name') | join(',') }}", "Ann,Bob")]
    [InlineData("{{ people | selectattr('admin') | map(attribute='name') | join }}", "Ann")]
    [InlineData("{{ people | rejectattr('name', 'equalto', 'Ann') | map(attribute='name') | join }}", "Bob")]
    [InlineData("{{ items | select('equalto', 'b') | list }} {{ items | reject('in', ['a']) | list }}", "['b'] ['b', 'c']")]
    [InlineData("{% for k, v in obj | items %}{{ k }}={{ v }};{% endfor %}{% for k, v in obj.items() %}{{ k }};{% endfor %}", "x=1;y=2;x;y;")]
    [InlineData("{{ obj | dictsort | first | first }} {{ [1, 2, 3] | sum }} {{ [4, 2] | min }}{{ [4, 2] | max }}", "x 6 24")]
    [InlineData("{{ ['a', 'a', 'b'] | unique | join }} {{ 'a\nb' | indent(2) }}", "ab a\n  b")]
    [InlineData("{{ '%s-%s' | format('a', 1) }} {{ 'x' | map('upper') | join }}", "a-1 X")]
    public void Render_Filters_MatchJinja(string template, string expected) =>
        Assert.Equal(expected, Render(template, """
            {"items": ["a", "b", "c"], "obj": {"x": 1, "y": 2},
             "people": [{"name": "Ann", "admin": true}, {"name": "Bob", "admin": false}]}
            """));

    [Theory]
    [InlineData("{{ v | tojson }}", """{"s": "q\"\né", "n": [1, 2.5, true, null], "o": {}}""")]
    [InlineData("{{ v.n | tojson(indent=2) }}", "[\n  1,\n  2.5,\n  true,\n  null\n]")]
    [InlineData("{{ {'b': 1, 'a': 2} | tojson(sort_keys=true) }}", """{"a": 2, "b": 1}""")]
    [InlineData("{{ v.o | tojson(indent=4) }}{{ [] | tojson }}", "{}[]")]
    public void Tojson_PythonJsonDumps_SameSeparatorsAndOrder(string template, string expected) =>
        Assert.Equal(expected, Render(template, """{"v": {"s": "q\"\n\u00e9", "n": [1, 2.5, true, null], "o": {}}}"""));

    [Theory]
    [InlineData("{{ ' a b '.strip() }}|{{ 'a,b,c'.split(',') | length }}|{{ 'a b'.split() | last }}", "a b|3|b")]
    [InlineData("{{ 'abc'.startswith('ab') }} {{ 'abc'.endswith(('x', 'c')) }} {{ 'x\\n'.rstrip('\\n') }}", "True True x")]
    [InlineData("{{ 'A'.lower() }}{{ 'a'.upper() }} {{ 'aXa'.replace('a', 'b') }} {{ ', '.join(['p', 'q']) }}", "aA bXb p, q")]
    [InlineData("{{ obj.get('x') }} {{ obj.get('z', 'no') }} {{ obj.get('z') }} {{ obj.keys() | list }}", "1 no None ['x', 'y']")]
    [InlineData("{{ '<think>a</think>b'.split('</think>')[0].split('<think>')[-1] }}", "a")]
    [InlineData("{{ 'x={}'.format(3) }} {{ 'abcb'.count('b') }} {{ 'abc'.find('c') }}", "x=3 2 2")]
    public void Render_StringAndDictMethods_MatchPython(string template, string expected) =>
        Assert.Equal(expected, Render(template, """{"obj": {"x": 1, "y": 2}}"""));

    [Theory]
    [InlineData("{{ x is defined }} {{ y is defined }} {{ y is undefined }} {{ n is none }} {{ x is not none }}", "True False True True True")]
    [InlineData("{{ x is string }} {{ o is mapping }} {{ l is iterable }} {{ 1 is number }} {{ l is sequence }}", "True True True True True")]
    [InlineData("{{ 4 is even }} {{ 3 is odd }} {{ 9 is divisibleby(3) }} {{ x is equalto 'a' }} {{ true is true }}", "True True True True True")]
    public void Render_Tests_MatchJinja(string template, string expected) =>
        Assert.Equal(expected, Render(template, """{"x": "a", "n": null, "o": {}, "l": [1]}"""));

    [Fact]
    public void Render_ForLoop_ExposesLoopVariable()
    {
        var text = Render(
            "{% for x in items %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}" +
            "{{ loop.previtem }}{{ loop.cycle('o', 'e') }};{% endfor %}",
            """{"items": ["a", "b"]}""");
        Assert.Equal("10TrueFalse22o;21FalseTrue21ae;", text);
    }

    [Fact]
    public void Render_ForLoopFilterElseBreakContinue_Work()
    {
        var text = Render(
            "{% for x in [1, 2, 3, 4, 5] if x != 2 %}{% if x == 4 %}{% continue %}{% endif %}{% if x == 5 %}{% break %}{% endif %}{{ x }}{% endfor %}" +
            "{% for x in [] %}no{% else %}empty{% endfor %}");
        Assert.Equal("13empty", text);
    }

    [Fact]
    public void Render_SetInLoop_DoesNotLeakButNamespaceDoes()
    {
        var text = Render(
            "{% set count = 0 %}{% set ns = namespace(count=0, found=false) %}" +
            "{% for x in [1, 2, 3] %}{% set count = count + x %}{% set ns.count = ns.count + x %}{% endfor %}" +
            "{% if true %}{% set inner = 'if-sets-leak' %}{% endif %}{{ count }} {{ ns.count }} {{ ns.found }} {{ inner }}");
        Assert.Equal("0 6 False if-sets-leak", text);
    }

    [Fact]
    public void Render_SetForms_AssignTuplesAndBlocks()
    {
        var text = Render("{% set a, b = 1, 2 %}{% set block %}x{{ a }}{% endset %}{{ b }}{{ block }}{% set l = [] %}{% set _ = l.append(3) %}{{ l }}");
        Assert.Equal("2x1[3]", text);
    }

    [Fact]
    public void Render_Macros_BindArgumentsDefaultsAndRecursion()
    {
        var text = Render(
            "{% macro greet(who, punct='!') %}Hi {{ who }}{{ punct }}{% endmacro %}" +
            "{% macro fact(n) %}{% if n <= 1 %}1{% else %}{{ n * (fact(n - 1) | int) }}{% endif %}{% endmacro %}" +
            "{{ greet('A') }} {{ greet('B', punct='?') }} {{ fact(5) }}");
        Assert.Equal("Hi A! Hi B? 120", text);
    }

    [Fact]
    public void Render_WhitespaceControl_TrimsLikeHuggingFace()
    {
        // trim_blocks removes the newline after a block tag, lstrip_blocks the indentation before it, "-" all of it.
        var template = "start\n  {% if true %}\n    body\n  {% endif %}\nend {{- '  x  ' -}}  !\n{# note #}\nlast";
        Assert.Equal("start\n    body\nend  x  !\nlast", Render(template));
    }

    [Fact]
    public void Render_RawAndGenerationBlocks_RenderBody()
    {
        Assert.Equal("{{ x }}", Render("{% raw %}{{ x }}{% endraw %}"));
        Assert.Equal("ab", Render("a{% generation %}b{% endgeneration %}"));
        Assert.Equal("X", Render("{% filter upper %}x{% endfilter %}"));
    }

    [Fact]
    public void Render_RaiseException_ThrowsWithTemplateMessage()
    {
        var ex = Assert.Throws<JinjaRaisedException>(() => Render("{{ raise_exception('roles must alternate') }}"));
        Assert.Equal("roles must alternate", ex.TemplateMessage);
    }

    [Theory]
    [InlineData("{% if x %}")]
    [InlineData("{% for %}{% endfor %}")]
    [InlineData("{{ 1 + }}")]
    [InlineData("{% include 'other' %}")]
    [InlineData("{{ 'unclosed }}")]
    [InlineData("{% endif %}")]
    public void Parse_InvalidTemplate_ThrowsSyntaxException(string template) =>
        Assert.Throws<JinjaSyntaxException>(() => JinjaTemplate.Parse(template));

    [Theory]
    [InlineData("{{ 1 + 'a' }}")]
    [InlineData("{{ 1 / 0 }}")]
    [InlineData("{{ undefined_function() }}")]
    [InlineData("{{ x | no_such_filter }}")]
    [InlineData("{% set x.y = 1 %}")]
    [InlineData("{{ 9223372036854775807 + 1 }}")]
    public void Render_RuntimeError_ThrowsRuntimeException(string template) =>
        Assert.Throws<JinjaRuntimeException>(() => Render(template, """{"x": {}}"""));

    [Fact]
    public void References_TemplateReadingTools_IsTrue()
    {
        Assert.True(JinjaTemplate.Parse("{% if tools %}{{ tools | tojson }}{% endif %}").References("tools"));
        Assert.True(JinjaTemplate.Parse("{% for m in messages %}{{ m.tool_calls }}{% endfor %}").References("tool_calls"));
        Assert.False(JinjaTemplate.Parse("{% for m in messages %}{{ m.content }}{% endfor %}").References("tools"));
    }
}
