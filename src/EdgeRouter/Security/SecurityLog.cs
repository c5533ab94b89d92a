using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Security;

/// <summary>Access-control log lines (event ids 800-829). They name keys, never tokens, and never a prompt.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Access control: {Count} API key(s); /v1 and /api need Authorization: Bearer")]
    public static partial void KeysRequired(ILogger logger, int count);

    [LoggerMessage(EventId = 801, Level = LogLevel.Debug, Message = "Rejected {Method} {Path} from {Remote}: {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string path, string remote, string reason);

    [LoggerMessage(EventId = 802, Level = LogLevel.Debug, Message = "Key {Key} is over its rate limit on {Path}; retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string key, string path, int retryAfterSeconds);

    [LoggerMessage(EventId = 803, Level = LogLevel.Debug, Message = "Key {Key} may not use route '{Route}'")]
    public static partial void RouteDenied(ILogger logger, string key, string route);
}
