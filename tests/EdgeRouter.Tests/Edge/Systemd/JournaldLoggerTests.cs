using EdgeRouter.Edge.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Tests.Edge.Systemd;

public sealed class JournaldLoggerTests
{
    [Theory]
    [InlineData(LogLevel.Critical, 2)]
    [InlineData(LogLevel.Error, 3)]
    [InlineData(LogLevel.Warning, 4)]
    [InlineData(LogLevel.Information, 6)]
    [InlineData(LogLevel.Debug, 7)]
    [InlineData(LogLevel.Trace, 7)]
    public void Priority_MatchesSyslog(LogLevel level, int expected) => Assert.Equal(expected, JournaldLogger.Priority(level));

    [Fact]
    public void Log_OneLinePerMessageWithPriorityPrefix()
    {
        var output = new StringWriter();
        using var provider = new JournaldLoggerProvider(output);
        var logger = provider.CreateLogger("EdgeRouter.Edge.Thermal.ThermalMonitor");

        logger.LogWarning(new EventId(610), "Thermal state {From} -> {To}", "Normal", "Warm");
        logger.LogInformation("two\nlines\r\nhere");
        logger.LogError(new EventId(3), new InvalidOperationException("boom\nsecond line"), "failed");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("<4>EdgeRouter.Edge.Thermal.ThermalMonitor[610] Thermal state Normal -> Warm", lines[0]);
        Assert.Equal("<6>EdgeRouter.Edge.Thermal.ThermalMonitor two lines here", lines[1]);
        Assert.StartsWith("<3>EdgeRouter.Edge.Thermal.ThermalMonitor[3] failed System.InvalidOperationException: boom second line", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void UseJournaldWhenUnderSystemd_OnlyWithJournalStream()
    {
        var output = new StringWriter();
        using (var factory = LoggerFactory.Create(b => Assert.True(b.UseJournaldWhenUnderSystemd(new SystemdEnvironment { IsJournalStream = true }, output))))
        {
            factory.CreateLogger("Test").LogInformation("hello");
        }
        using (var factory = LoggerFactory.Create(b => Assert.False(b.UseJournaldWhenUnderSystemd(SystemdEnvironment.None, output))))
        {
            factory.CreateLogger("Test").LogInformation("not journald");
        }

        Assert.Equal("<6>Test hello\n", output.ToString());
    }
}
