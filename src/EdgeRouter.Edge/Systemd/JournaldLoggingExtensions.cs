using Microsoft.Extensions.Logging;

namespace EdgeRouter.Edge.Systemd;

public static class JournaldLoggingExtensions
{
    /// <summary>
    /// Replaces the console providers with <see cref="JournaldLoggerProvider"/> when stdout is the journal; otherwise
    /// leaves logging as it is. Returns whether journald format is active.
    /// </summary>
    public static bool UseJournaldWhenUnderSystemd(this ILoggingBuilder builder, SystemdEnvironment environment, TextWriter? writer = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsJournalStream)
        {
            return false;
        }
        builder.ClearProviders();
        builder.AddProvider(new JournaldLoggerProvider(writer ?? Console.Out));
        return true;
    }
}
