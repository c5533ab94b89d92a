using Microsoft.Extensions.Logging;

namespace EdgeRouter.Cloud;

/// <summary>
/// Every log line of the cloud tier, source-generated, with event IDs 400-429 (upstream attempts and breakers; 405-407 are the router's, in Core), 430-449 (failback)
/// and 450-469 (the state file). Secrets never reach a message.
/// </summary>
internal static partial class CloudLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Upstream {Upstream} failed ({Class}, {Reason}): {Detail}")]
    public static partial void AttemptFailed(ILogger logger, string upstream, string @class, string reason, string detail);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Failure domain {Domain} cooling down for {Seconds:0.#} s after {Reason}")]
    public static partial void CooldownImposed(ILogger logger, string domain, double seconds, string reason);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Credential of failure domain {Domain} rejected by {Upstream} (HTTP {Status}); disabled for {Seconds:0} s")]
    public static partial void CredentialDisabled(ILogger logger, string domain, string upstream, int status, double seconds);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Circuit of upstream {Upstream} {State}: {Reason}")]
    public static partial void BreakerChanged(ILogger logger, string upstream, string state, string reason);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Upstream {Upstream} stream broke after the first token ({Reason})")]
    public static partial void StreamBroke(ILogger logger, string upstream, string reason);

    [LoggerMessage(EventId = 430, Level = LogLevel.Warning, Message = "Upstream {Upstream} out of service ({Cause}: {Reason}); first probe at {Until:O}")]
    public static partial void TierDown(ILogger logger, string upstream, string cause, string reason, DateTimeOffset? until);

    [LoggerMessage(EventId = 431, Level = LogLevel.Information, Message = "Upstream {Upstream} back in service after {Successes} probe successes in a row")]
    public static partial void TierUp(ILogger logger, string upstream, int successes);

    [LoggerMessage(EventId = 432, Level = LogLevel.Information, Message = "Failback probe of {Upstream} succeeded ({Successes} of {Required} in a row)")]
    public static partial void ProbeSucceeded(ILogger logger, string upstream, int successes, int required);

    [LoggerMessage(EventId = 433, Level = LogLevel.Warning, Message = "Failback probe of {Upstream} failed ({Class}, {Reason}): {Detail}; next probe at {Until:O}")]
    public static partial void ProbeFailed(ILogger logger, string upstream, string @class, string reason, string detail, DateTimeOffset? until);

    [LoggerMessage(EventId = 434, Level = LogLevel.Warning, Message = "Upstream {Upstream} is flapping ({Transitions} transitions in {WindowSeconds:0} s); held out for {HoldSeconds:0} s")]
    public static partial void TierFlapping(ILogger logger, string upstream, int transitions, double windowSeconds, double holdSeconds);

    [LoggerMessage(EventId = 435, Level = LogLevel.Debug, Message = "Failback probe of {Upstream} not sent: its own limits refused ({Reason}); next round in {Seconds:0.#} s")]
    public static partial void ProbeDeferred(ILogger logger, string upstream, string reason, double seconds);

    [LoggerMessage(EventId = 436, Level = LogLevel.Information, Message = "Upstream {Upstream} back in service by an operator ({Reason})")]
    public static partial void TierRestored(ILogger logger, string upstream, string reason);
    [LoggerMessage(EventId = 450, Level = LogLevel.Information, Message = "Router state restored from {Path}: {Cooldowns} cooldown(s), {Breakers} open circuit(s), {Pins} route pin(s)")]
    public static partial void StateRestored(ILogger logger, string path, int cooldowns, int breakers, int pins);

    [LoggerMessage(EventId = 451, Level = LogLevel.Warning, Message = "State file {Path} ignored, starting clean: {Problem}")]
    public static partial void StateIgnored(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 452, Level = LogLevel.Warning, Message = "Could not write the state file {Path}: {Reason}")]
    public static partial void StateWriteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 453, Level = LogLevel.Debug, Message = "State file {Path} written: {Cooldowns} cooldown(s), {Breakers} open circuit(s), {Pins} route pin(s)")]
    public static partial void StateWritten(ILogger logger, string path, int cooldowns, int breakers, int pins);

    [LoggerMessage(EventId = 454, Level = LogLevel.Warning, Message = "State file entry skipped: {Reason}")]
    public static partial void StateEntrySkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 455, Level = LogLevel.Information, Message = "No state file at {Path} yet: starting clean")]
    public static partial void StateMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 456, Level = LogLevel.Debug, Message = "Could not flush the state directory {Directory} to disk (errno {Errno})")]
    public static partial void StateDirectorySyncFailed(ILogger logger, string directory, int errno);
}
