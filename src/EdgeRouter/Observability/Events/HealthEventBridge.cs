using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Host.Observability.Events;

/// <summary>
/// Turns the cloud router's <see cref="HealthEvent"/>s into <see cref="RouterEvent"/>s: a severity per kind and the
/// failure class (throttle, credential, outage) where the kind implies one or the tier's current state tells it.
/// </summary>
internal sealed class HealthEventBridge : IDisposable
{
    public const string Throttle = "throttle";
    public const string Credential = "credential";
    public const string Outage = "outage";

    private readonly UpstreamFleet _upstreams;
    private readonly RouterEvents _events;

    public HealthEventBridge(UpstreamFleet upstreams, RouterEvents events)
    {
        _upstreams = upstreams;
        _events = events;
        upstreams.Events.Raised += OnRaised;
    }

    private void OnRaised(HealthEvent e)
    {
        if (Map(e) is var (kind, severity, eventClass))
        {
            _events.Publish(kind, e.Subject, severity, e.Reason, eventClass, e.Until);
        }
    }

    private (RouterEventKind Kind, EventSeverity Severity, string? Class)? Map(HealthEvent e) =>
        e.Kind switch
        {
            HealthEventKind.Cooldown => (RouterEventKind.Cooldown, EventSeverity.Warning, Throttle),
            HealthEventKind.CredentialDisabled => (RouterEventKind.CredentialDisabled, EventSeverity.Critical, Credential),
            HealthEventKind.BreakerOpened => (RouterEventKind.BreakerOpened, EventSeverity.Warning, Outage),
            HealthEventKind.BreakerHalfOpened => (RouterEventKind.BreakerHalfOpened, EventSeverity.Info, Outage),
            HealthEventKind.BreakerClosed => (RouterEventKind.BreakerClosed, EventSeverity.Info, null),
            HealthEventKind.TierDown => (RouterEventKind.TierDown, EventSeverity.Warning, ClassOf(e.Subject)),
            HealthEventKind.TierUp => (RouterEventKind.TierUp, EventSeverity.Info, null),
            HealthEventKind.ProbeSucceeded => (RouterEventKind.ProbeSucceeded, EventSeverity.Debug, null),
            HealthEventKind.ProbeFailed => (RouterEventKind.ProbeFailed, EventSeverity.Debug, null),
            HealthEventKind.Flapping => (RouterEventKind.Flapping, EventSeverity.Warning, ClassOf(e.Subject)),
            HealthEventKind.RoutePinned => (RouterEventKind.RoutePinned, EventSeverity.Info, null),
            HealthEventKind.CooldownCleared => (RouterEventKind.CooldownCleared, EventSeverity.Info, null),
            HealthEventKind.BreakerReset => (RouterEventKind.BreakerReset, EventSeverity.Info, null),
            // A kind added to the cloud library later shows up here once it has a mapping; until then it is not guessed at.
            _ => null,
        };

    /// <summary>Why a tier is out right now: its domain's cooldown kind, else an open circuit.</summary>
    private string? ClassOf(string upstream)
    {
        var status = _upstreams.UpstreamStatuses().FirstOrDefault(s => string.Equals(s.Name, upstream, StringComparison.OrdinalIgnoreCase));
        return status switch
        {
            { Cooldown.Kind: CooldownKind.CredentialDisabled } => Credential,
            { Cooldown: not null } => Throttle,
            { Circuit: not "Closed" } => Outage,
            _ => null,
        };
    }

    public void Dispose() => _upstreams.Events.Raised -= OnRaised;
}
