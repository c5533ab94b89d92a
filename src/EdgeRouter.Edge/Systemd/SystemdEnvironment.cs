using System.Globalization;

namespace EdgeRouter.Edge.Systemd;

/// <summary>
/// What systemd told the process through its environment: the notify socket, the watchdog timeout, whether stdout
/// goes to the journal, and the directories from StateDirectory=, ConfigurationDirectory= and LoadCredential=.
/// </summary>
public sealed record SystemdEnvironment
{
    /// <summary><c>$NOTIFY_SOCKET</c>: a path, or "@name" for an abstract socket. Null when not under Type=notify.</summary>
    public string? NotifySocket { get; init; }

    /// <summary><c>$WATCHDOG_USEC</c>, when it is meant for this process (<c>$WATCHDOG_PID</c> unset or ours).</summary>
    public TimeSpan? WatchdogTimeout { get; init; }

    /// <summary><c>$JOURNAL_STREAM</c> is set: stdout/stderr go to journald, which understands "&lt;N&gt;" prefixes.</summary>
    public bool IsJournalStream { get; init; }

    /// <summary><c>$INVOCATION_ID</c>: set for every process systemd starts as a unit.</summary>
    public string? InvocationId { get; init; }

    /// <summary>First entry of <c>$STATE_DIRECTORY</c> (/var/lib/edgerouter with StateDirectory=edgerouter).</summary>
    public string? StateDirectory { get; init; }

    /// <summary>First entry of <c>$CONFIGURATION_DIRECTORY</c> (/etc/edgerouter).</summary>
    public string? ConfigurationDirectory { get; init; }

    /// <summary><c>$CREDENTIALS_DIRECTORY</c>: where LoadCredential= files appear.</summary>
    public string? CredentialsDirectory { get; init; }

    /// <summary>Started by systemd (as a unit, or at least with a notify socket).</summary>
    public bool IsSystemdService => InvocationId is not null || NotifySocket is not null;

    public static SystemdEnvironment None { get; } = new();

    public static SystemdEnvironment FromProcess() => From(Environment.GetEnvironmentVariable, Environment.ProcessId);

    public static SystemdEnvironment From(Func<string, string?> environment, int processId)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new SystemdEnvironment
        {
            NotifySocket = NonEmpty(environment("NOTIFY_SOCKET")),
            WatchdogTimeout = ParseWatchdog(environment("WATCHDOG_USEC"), environment("WATCHDOG_PID"), processId),
            IsJournalStream = NonEmpty(environment("JOURNAL_STREAM")) is not null,
            InvocationId = NonEmpty(environment("INVOCATION_ID")),
            StateDirectory = First(environment("STATE_DIRECTORY")),
            ConfigurationDirectory = First(environment("CONFIGURATION_DIRECTORY")),
            CredentialsDirectory = NonEmpty(environment("CREDENTIALS_DIRECTORY")),
        };
    }

    internal static TimeSpan? ParseWatchdog(string? usec, string? pid, int processId)
    {
        if (!ulong.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var micro) || micro == 0)
        {
            return null;
        }
        if (NonEmpty(pid) is { } owner && (!int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p != processId))
        {
            return null;
        }
        return TimeSpan.FromMicroseconds(Math.Min(micro, (ulong)TimeSpan.MaxValue.TotalMicroseconds));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // systemd lists several directories colon-separated when the unit names several; the first is ours.
    private static string? First(string? value) => NonEmpty(value)?.Split(':')[0];
}
