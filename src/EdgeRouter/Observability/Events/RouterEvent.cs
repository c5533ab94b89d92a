namespace EdgeRouter.Host.Observability.Events;

/// <summary>
/// One transition: what happened (<see cref="Kind"/>) to what (<see cref="Subject"/>: an upstream, a failure domain, a
/// route, "local", "gate", "thermal"), why, and until when it is expected to last.
/// </summary>
/// <param name="Class">The failure class where one applies: "throttle", "credential", "outage"; null otherwise.</param>
public sealed record RouterEvent(
    RouterEventKind Kind,
    string Subject,
    EventSeverity Severity,
    string? Class,
    DateTimeOffset? Until,
    string Reason,
    DateTimeOffset Timestamp)
{
    /// <summary>"up-a: tier down (throttle) until 12:00:30Z — 429 from upstream" — one line for alerts and tables.</summary>
    public string Describe()
    {
        var text = $"{Subject}: {KindText(Kind)}";
        if (Class is not null)
        {
            text += $" ({Class})";
        }
        if (Until is { } until)
        {
            text += $" until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z";
        }
        return Reason.Length == 0 ? text : $"{text} - {Reason}";
    }

    /// <summary>"tier-down", "breaker-opened": the kind as the JSON payloads spell it.</summary>
    public static string KindText(RouterEventKind kind) => kind switch
    {
        RouterEventKind.TierDown => "tier-down",
        RouterEventKind.TierUp => "tier-up",
        RouterEventKind.Cooldown => "cooldown",
        RouterEventKind.CredentialDisabled => "credential-disabled",
        RouterEventKind.BreakerOpened => "breaker-opened",
        RouterEventKind.BreakerHalfOpened => "breaker-half-open",
        RouterEventKind.BreakerClosed => "breaker-closed",
        RouterEventKind.ProbeSucceeded => "probe-succeeded",
        RouterEventKind.ProbeFailed => "probe-failed",
        RouterEventKind.Flapping => "flapping",
        RouterEventKind.RoutePinned => "route-pinned",
        RouterEventKind.CooldownCleared => "cooldown-cleared",
        RouterEventKind.BreakerReset => "breaker-reset",
        RouterEventKind.GateSaturated => "gate-saturated",
        RouterEventKind.GateRecovered => "gate-recovered",
        RouterEventKind.ThermalShedOn => "thermal-shed-on",
        RouterEventKind.ThermalShedOff => "thermal-shed-off",
        RouterEventKind.ModelLoaded => "model-loaded",
        RouterEventKind.ModelFailed => "model-failed",
        _ => kind.ToString(),
    };

    public static string SeverityText(EventSeverity severity) => severity.ToString().ToLowerInvariant();
}
