using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Tests.Support;

/// <summary>Collects every log line in memory, so tests stay quiet and can assert on what was (not) logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
    }
}
