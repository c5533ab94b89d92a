using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Check;

/// <summary>The start checks' log lines (source-generated; event ids 770-789).</summary>
internal static partial class CheckLog
{
    [LoggerMessage(EventId = 770, Level = LogLevel.Warning, Message = "Start check: {Finding}")]
    public static partial void StartWarning(ILogger logger, string finding);
}
