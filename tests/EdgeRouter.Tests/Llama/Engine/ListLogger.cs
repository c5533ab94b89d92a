using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>Captures log records with their structured state, so tests can assert on values, not formatting.</summary>
public sealed class ListLogger : ILogger
{
    public ConcurrentQueue<LogRecord> Records { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        Records.Enqueue(new LogRecord(logLevel, eventId.Id, formatter(state, exception), values.ToDictionary(kv => kv.Key, kv => kv.Value)));
    }

    public sealed record LogRecord(LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, object?> Values);
}
