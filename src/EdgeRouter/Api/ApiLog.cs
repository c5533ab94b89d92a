using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Api;

/// <summary>The API layer's log messages (event ids 2000-2099). Prompts and generated text are never logged.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "Generation on tier {Tier} failed before the response started: {Error}")]
    public static partial void FailedBeforeStart(ILogger logger, string tier, string error);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Generation on tier {Tier} failed mid-stream; sent an in-band error: {Error}")]
    public static partial void FailedMidStream(ILogger logger, string tier, string error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Client disconnected from {Path}; the generation was cancelled")]
    public static partial void ClientGone(ILogger logger, string path);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Refused {Path} with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, string path, int status, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string path);
}
