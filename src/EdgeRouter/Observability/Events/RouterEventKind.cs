namespace EdgeRouter.Host.Observability.Events;

/// <summary>Every transition the router reports. The names are part of the alert payload and /status: only add.</summary>
public enum RouterEventKind
{
    TierDown,
    TierUp,
    Cooldown,
    CredentialDisabled,
    BreakerOpened,
    BreakerHalfOpened,
    BreakerClosed,
    ProbeSucceeded,
    ProbeFailed,
    Flapping,
    RoutePinned,
    CooldownCleared,
    BreakerReset,
    GateSaturated,
    GateRecovered,
    ThermalShedOn,
    ThermalShedOff,
    ModelLoaded,
    ModelFailed,
}

/// <summary>How much an event matters; alerts send from <c>alerts.minimumSeverity</c> up.</summary>
public enum EventSeverity
{
    /// <summary>Routine detail (failback probes): logged at Debug, never alerted.</summary>
    Debug,
    Info,
    Warning,
    Critical,
}
