using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Observability.Events;

/// <summary>One log line per event kind, with stable ids 700-719 (journald filters on them), plus the admin audit line.</summary>
internal static partial class EventLog
{
    public static void Write(ILogger logger, RouterEvent e)
    {
        var until = e.Until?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
        var eventClass = e.Class ?? "-";
        switch (e.Kind)
        {
            case RouterEventKind.TierDown: TierDown(logger, e.Subject, eventClass, until, e.Reason); break;
            case RouterEventKind.TierUp: TierUp(logger, e.Subject, e.Reason); break;
            case RouterEventKind.Cooldown: Cooldown(logger, e.Subject, until, e.Reason); break;
            case RouterEventKind.CredentialDisabled: CredentialDisabled(logger, e.Subject, until, e.Reason); break;
            case RouterEventKind.BreakerOpened: BreakerOpened(logger, e.Subject, e.Reason); break;
            case RouterEventKind.BreakerHalfOpened: BreakerHalfOpened(logger, e.Subject, e.Reason); break;
            case RouterEventKind.BreakerClosed: BreakerClosed(logger, e.Subject, e.Reason); break;
            case RouterEventKind.ProbeSucceeded: ProbeSucceeded(logger, e.Subject, e.Reason); break;
            case RouterEventKind.ProbeFailed: ProbeFailed(logger, e.Subject, e.Reason); break;
            case RouterEventKind.Flapping: Flapping(logger, e.Subject, until, e.Reason); break;
            case RouterEventKind.RoutePinned: RoutePinned(logger, e.Subject, e.Reason); break;
            case RouterEventKind.CooldownCleared: CooldownCleared(logger, e.Subject, e.Reason); break;
            case RouterEventKind.BreakerReset: BreakerReset(logger, e.Subject, e.Reason); break;
            case RouterEventKind.GateSaturated: GateSaturated(logger, e.Reason); break;
            case RouterEventKind.GateRecovered: GateRecovered(logger, e.Reason); break;
            case RouterEventKind.ThermalShedOn: ThermalShedOn(logger, e.Reason); break;
            case RouterEventKind.ThermalShedOff: ThermalShedOff(logger, e.Reason); break;
            case RouterEventKind.ModelLoaded: ModelLoaded(logger, e.Subject, e.Reason); break;
            case RouterEventKind.ModelFailed: ModelFailed(logger, e.Subject, e.Reason); break;
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Tier {Tier} down ({Class}) until {Until}: {Reason}")]
    private static partial void TierDown(ILogger logger, string tier, string @class, string until, string reason);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Tier {Tier} back in service: {Reason}")]
    private static partial void TierUp(ILogger logger, string tier, string reason);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Failure domain {Domain} cooling down until {Until}: {Reason}")]
    private static partial void Cooldown(ILogger logger, string domain, string until, string reason);

    [LoggerMessage(EventId = 703, Level = LogLevel.Error, Message = "Credential of failure domain {Domain} rejected; disabled until {Until}: {Reason}")]
    private static partial void CredentialDisabled(ILogger logger, string domain, string until, string reason);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "Circuit of {Upstream} opened: {Reason}")]
    private static partial void BreakerOpened(ILogger logger, string upstream, string reason);

    [LoggerMessage(EventId = 705, Level = LogLevel.Information, Message = "Circuit of {Upstream} half-open: {Reason}")]
    private static partial void BreakerHalfOpened(ILogger logger, string upstream, string reason);

    [LoggerMessage(EventId = 706, Level = LogLevel.Information, Message = "Circuit of {Upstream} closed: {Reason}")]
    private static partial void BreakerClosed(ILogger logger, string upstream, string reason);

    [LoggerMessage(EventId = 707, Level = LogLevel.Debug, Message = "Probe of {Tier} succeeded: {Reason}")]
    private static partial void ProbeSucceeded(ILogger logger, string tier, string reason);

    [LoggerMessage(EventId = 708, Level = LogLevel.Debug, Message = "Probe of {Tier} failed: {Reason}")]
    private static partial void ProbeFailed(ILogger logger, string tier, string reason);

    [LoggerMessage(EventId = 709, Level = LogLevel.Warning, Message = "Tier {Tier} is flapping; held out until {Until}: {Reason}")]
    private static partial void Flapping(ILogger logger, string tier, string until, string reason);

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Route {Route} {Reason}")]
    private static partial void RoutePinned(ILogger logger, string route, string reason);

    [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "Cooldown of failure domain {Domain} cleared: {Reason}")]
    private static partial void CooldownCleared(ILogger logger, string domain, string reason);

    [LoggerMessage(EventId = 712, Level = LogLevel.Information, Message = "Circuit of {Upstream} reset: {Reason}")]
    private static partial void BreakerReset(ILogger logger, string upstream, string reason);

    [LoggerMessage(EventId = 713, Level = LogLevel.Warning, Message = "Local gate saturated: {Reason}")]
    private static partial void GateSaturated(ILogger logger, string reason);

    [LoggerMessage(EventId = 714, Level = LogLevel.Information, Message = "Local gate recovered: {Reason}")]
    private static partial void GateRecovered(ILogger logger, string reason);

    [LoggerMessage(EventId = 715, Level = LogLevel.Warning, Message = "Thermal shedding on: {Reason}")]
    private static partial void ThermalShedOn(ILogger logger, string reason);

    [LoggerMessage(EventId = 716, Level = LogLevel.Information, Message = "Thermal shedding off: {Reason}")]
    private static partial void ThermalShedOff(ILogger logger, string reason);

    [LoggerMessage(EventId = 717, Level = LogLevel.Information, Message = "Local model {Model} loaded: {Reason}")]
    private static partial void ModelLoaded(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 718, Level = LogLevel.Error, Message = "Local model {Model} failed: {Reason}")]
    private static partial void ModelFailed(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 730, Level = LogLevel.Warning, Message = "Admin {Action} {Target} from {Remote}: {Outcome}")]
    public static partial void AdminRequest(ILogger logger, string action, string target, string remote, string outcome);

    [LoggerMessage(EventId = 740, Level = LogLevel.Warning, Message = "Alert queue full; alert for {Kind} on {Subject} dropped")]
    public static partial void AlertDropped(ILogger logger, string kind, string subject);

    [LoggerMessage(EventId = 741, Level = LogLevel.Warning, Message = "Alert webhook failed for {Kind} on {Subject}: {Problem}")]
    public static partial void AlertFailed(ILogger logger, string kind, string subject, string problem);

    [LoggerMessage(EventId = 742, Level = LogLevel.Error, Message = "Alert webhook credential {Reference} cannot be resolved ({Problem}); alerts are off")]
    public static partial void AlertUrlUnresolved(ILogger logger, string reference, string problem);
}
