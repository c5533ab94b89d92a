using EdgeRouter.Prompts.ChatTemplates;
using EdgeRouter.Prompts.Jinja;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRouter.Prompts.Tests.ChatTemplates;

public sealed class ChatTemplateLoadTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 5, 14, 7, 9, TimeSpan.Zero));

    [Theory]
    [InlineData("{% for m in messages %}")]
    [InlineData("{{ messages | no_such_filter }}")]
    [InlineData("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}")]
    public void TryLoad_TemplateWeCannotRun_ReturnsNullWithReason(string source)
    {
        Assert.Null(ChatTemplate.TryLoad(source, "", "", Clock, out var reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void TryLoad_TemplateRefusingTheProbe_IsStillUsable()
    {
        var source = "{% if messages[0].role != 'system' %}{{ raise_exception('system first') }}{% endif %}ok";
        Assert.NotNull(ChatTemplate.TryLoad(source, "", "", Clock, out var reason));
        Assert.Null(reason);
    }

    [Fact]
    public void Render_HostileTemplate_FailsAsNonClientChatTemplateException()
    {
        var template = ChatTemplate.Parse("{% for i in range(100000000) %}{{ i }}{% endfor %}", "", "", Clock);
        var ex = Assert.Throws<ChatTemplateException>(() => template.Render(new ChatTemplateInput([])));
        Assert.False(ex.IsClientError);
        Assert.IsType<JinjaBudgetExceededException>(ex.InnerException);
    }

    [Theory]
    [InlineData("%d %b %Y", "05 Jan 2026")]
    [InlineData("%Y-%m-%d %H:%M:%S", "2026-01-05 14:07:09")]
    [InlineData("%-d %B %y, %A %I%p %j %%", "5 January 26, Monday 02PM 005 %")]
    public void Render_StrftimeNow_UsesInjectedClock(string format, string expected)
    {
        Clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var template = ChatTemplate.Parse("{{ strftime_now('" + format + "') }}", "", "", Clock);
        Assert.Equal(expected, template.Render(new ChatTemplateInput([])));
    }

    [Fact]
    public void Render_StringArgumentsThatAreNotJson_PassedAsString()
    {
        var template = ChatTemplate.Parse("{{ messages[0].tool_calls[0].function.arguments | tojson }}", "", "", Clock);
        var input = new ChatTemplateInput([new TemplateMessage("assistant", null) { ToolCalls = [new TemplateToolCall(null, "f", "not json")] }]);
        Assert.Equal("\"not json\"", template.Render(input));
    }

    [Fact]
    public void Render_NoTools_ToolsIsNone()
    {
        var template = ChatTemplate.Parse("{{ tools is none }}{{ tools is defined }}", "", "", Clock);
        Assert.Equal("TrueTrue", template.Render(new ChatTemplateInput([])));
    }
}
