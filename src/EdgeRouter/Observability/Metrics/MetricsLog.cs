using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>The metrics endpoint's log messages (event ids 750-769).</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(EventId = 750, Level = LogLevel.Error, Message = "Metrics source {Source} failed; its families are missing from this scrape")]
    public static partial void SourceFailed(ILogger logger, Exception exception, string source);
}
