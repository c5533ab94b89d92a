using EdgeRouter.Edge.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// One line per message on the console (journald adds the timestamp). Information for the router itself, warnings
/// only from the framework: no per-request lines, and never a prompt.
/// </summary>
internal static class LoggingSetup
{
    /// <param name="systemd">Under systemd with stdout to the journal, lines carry journald's "&lt;N&gt;" priority prefix instead.</param>
    public static void Configure(ILoggingBuilder logging, SystemdEnvironment systemd, Action<ILoggingBuilder>? extra)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.IncludeScopes = false;
            options.TimestampFormat = null;
            options.ColorBehavior = LoggerColorBehavior.Default;
        });
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System", LogLevel.Warning);
        // The generic host logs a failed start with a full stack trace; the CLI reports it in one line instead.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        // While its category is enabled at any level, ASP.NET's hosting layer opens a log scope and an Activity for
        // every request. We write no per-request lines, and under a flood of refusals that work is measurable.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        logging.UseJournaldWhenUnderSystemd(systemd);
        extra?.Invoke(logging);
    }
}
