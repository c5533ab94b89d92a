using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Api.Cors;

/// <summary>The CORS layer's log messages (event ids 2150-2159).</summary>
internal static partial class CorsLog
{
    [LoggerMessage(EventId = 2150, Level = LogLevel.Information,
        Message = "Refused {Method} {Path} from browser origin {Origin}: not a local origin and not in cors.origins / EDGEROUTER_ORIGINS")]
    public static partial void Refused(ILogger logger, string method, string path, string origin);
}
