using EdgeRouter.Edge.Systemd;

namespace EdgeRouter.Tests.Edge.Systemd;

public sealed class SystemdEnvironmentTests
{
    private static SystemdEnvironment From(Dictionary<string, string> vars, int pid = 4242) =>
        SystemdEnvironment.From(name => vars.GetValueOrDefault(name), pid);

    [Fact]
    public void From_UnitEnvironment()
    {
        var env = From(new()
        {
            ["NOTIFY_SOCKET"] = "/run/systemd/notify",
            ["WATCHDOG_USEC"] = "30000000",
            ["WATCHDOG_PID"] = "4242",
            ["JOURNAL_STREAM"] = "8:12345",
            ["INVOCATION_ID"] = "0123456789abcdef",
            ["STATE_DIRECTORY"] = "/var/lib/edgerouter:/var/lib/other",
            ["CONFIGURATION_DIRECTORY"] = "/etc/edgerouter",
            ["CREDENTIALS_DIRECTORY"] = "/run/credentials/edgerouter.service",
        });

        Assert.Equal("/run/systemd/notify", env.NotifySocket);
        Assert.Equal(TimeSpan.FromSeconds(30), env.WatchdogTimeout);
        Assert.True(env.IsJournalStream);
        Assert.True(env.IsSystemdService);
        Assert.Equal("/var/lib/edgerouter", env.StateDirectory);
        Assert.Equal("/etc/edgerouter", env.ConfigurationDirectory);
        Assert.Equal("/run/credentials/edgerouter.service", env.CredentialsDirectory);
    }

    [Fact]
    public void From_WatchdogForAnotherPid_Ignored()
    {
        var env = From(new() { ["WATCHDOG_USEC"] = "30000000", ["WATCHDOG_PID"] = "1" });

        Assert.Null(env.WatchdogTimeout);
    }

    [Fact]
    public void From_Nothing_NotUnderSystemd()
    {
        var env = From([]);

        Assert.Equal(SystemdEnvironment.None, env);
        Assert.False(env.IsSystemdService);
        Assert.False(env.IsJournalStream);
    }
}
