using Microsoft.Extensions.Logging;

namespace EdgeRouter.Edge.Systemd;

/// <summary>
/// Logs for journald when stdout is the journal (<see cref="SystemdEnvironment.IsJournalStream"/>): one line per
/// message, prefixed "&lt;N&gt;" with the syslog priority so <c>journalctl -p warning</c> works. Synchronous and
/// reflection-free (AOT-safe); no timestamp, journald adds its own.
/// <code>&lt;4&gt;EdgeRouter.Edge.Thermal.ThermalMonitor[610] Thermal state Normal -> Warm: 71.2 °C on cpu-thermal (threshold 70 °C)</code>
/// </summary>
public sealed class JournaldLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _writer;
    private readonly Lock _sync = new();

    /// <param name="writer">Where lines go; the host passes <see cref="Console.Out"/>.</param>
    public JournaldLoggerProvider(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    public ILogger CreateLogger(string categoryName) => new JournaldLogger(this, categoryName);

    internal void WriteLine(string line)
    {
        lock (_sync)
        {
            _writer.Write(line);
            _writer.Write('\n');
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _writer.Flush();
        }
    }
}
