namespace EdgeRouter.Cloud.Breakers;

public enum HealthEventKind
{
    /// <summary>A failure domain started (or extended) a throttle cooldown.</summary>
    Cooldown,

    /// <summary>A failure domain's credential was rejected and is disabled until <see cref="HealthEvent.Until"/>.</summary>
    CredentialDisabled,

    BreakerOpened,
    BreakerHalfOpened,
    BreakerClosed,

    /// <summary>An upstream tier left service (cooling, disabled or broken); <see cref="HealthEvent.Until"/> is the earliest probe.</summary>
    TierDown,

    /// <summary>An upstream tier returned to service after enough consecutive probe successes.</summary>
    TierUp,

    /// <summary>A failback probe of a tier succeeded (<see cref="HealthEvent.Reason"/> says how many in a row).</summary>
    ProbeSucceeded,

    /// <summary>A failback probe of a tier failed; a throttle restarts the cooldown.</summary>
    ProbeFailed,

    /// <summary>A tier changed state too often in the flap window and is held out until <see cref="HealthEvent.Until"/>.</summary>
    Flapping,

    /// <summary>An operator pinned a route to one tier (or removed the pin: <see cref="HealthEvent.Reason"/> says which).</summary>
    RoutePinned,

    /// <summary>An operator ended a failure domain's cooldown early.</summary>
    CooldownCleared,

    /// <summary>An operator closed an upstream's circuit by hand.</summary>
    BreakerReset,
}

/// <summary>
/// Something operators should hear about. <see cref="Subject"/> is a failure domain for cooldowns and credential
/// events and an upstream name for breaker events; <see cref="Until"/> is when the state is expected to end.
/// </summary>
public sealed record HealthEvent(HealthEventKind Kind, string Subject, DateTimeOffset? Until, string Reason);

/// <summary>Fan-out point for <see cref="HealthEvent"/>s (alerts, metrics, /status, tests). Handlers must be quick.</summary>
public sealed class HealthEvents
{
    public event Action<HealthEvent>? Raised;

    public void Publish(HealthEvent healthEvent) => Raised?.Invoke(healthEvent);
}
