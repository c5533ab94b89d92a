using EdgeRouter.Host.Observability.Events;

namespace EdgeRouter.Host.Observability.Alerts;

/// <summary>The "alerts" config section: where transitions are posted as JSON, and how politely.</summary>
public sealed record AlertsConfig
{
    public static AlertsConfig Off { get; } = new();

    /// <summary>The webhook, as a literal URL or a credential reference. <value>The default is null: alerts off.</value></summary>
    public AlertUrl? Url { get; init; }

    /// <summary>Repeats of one (kind, subject) within this window are counted, not sent. <value>The default value is 5 min.</value></summary>
    public TimeSpan DedupWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Alerts waiting for the sender; beyond this they are dropped (and counted). <value>The default value is 64.</value></summary>
    public int QueueLength { get; init; } = 64;

    /// <summary>How long one POST may take before it counts as failed. <value>The default value is 10 s.</value></summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The least severe event that is sent. <value>The default value is Info (everything but probes).</value></summary>
    public EventSeverity MinimumSeverity { get; init; } = EventSeverity.Info;

    public bool Enabled => Url is not null;
}
