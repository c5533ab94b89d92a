using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Edge.Systemd;

internal sealed class JournaldLogger(JournaldLoggerProvider provider, string category) : ILogger
{
    // journald splits lines longer than LineMax= (48K by default); stay well below so one message stays one entry.
    private const int MaxLineLength = 16 * 1024;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        if (string.IsNullOrEmpty(message) && exception is null)
        {
            return;
        }
        provider.WriteLine(Format(logLevel, category, eventId.Id, message, exception));
    }

    internal static string Format(LogLevel level, string category, int eventId, string? message, Exception? exception)
    {
        var line = new StringBuilder(128);
        line.Append('<').Append(Priority(level)).Append('>').Append(category);
        if (eventId != 0)
        {
            line.Append('[').Append(eventId.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        if (!string.IsNullOrEmpty(message))
        {
            line.Append(' ').Append(message);
        }
        if (exception is not null)
        {
            line.Append(' ').Append(exception);
        }
        // One message, one journal entry: fold every line break.
        var text = line.ToString().ReplaceLineEndings(" ");
        return text.Length > MaxLineLength ? text[..MaxLineLength] : text;
    }

    /// <summary>syslog priorities: 2 crit, 3 err, 4 warning, 6 info, 7 debug.</summary>
    internal static int Priority(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };
}
