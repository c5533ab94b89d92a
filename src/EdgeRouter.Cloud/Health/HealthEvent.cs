namespace EdgeRouter.Cloud.Health;

public enum HealthEventKind
{
    /// <summary>A failure domain started (or extended) a throttle cooldown.</summary>
    Cooldown,

    /// <summary>A failure domain's credential was rejected and is disabled until <see cref="HealthEvent.Until"/>.</summary>
    CredentialDisabled,

    BreakerOpened,
    BreakerHalfOpened,
    BreakerClosed,
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
