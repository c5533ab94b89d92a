using EdgeRouter.Cloud.Breakers;

namespace EdgeRouter.Cloud.Tiers;

/// <summary>An upstream's circuit, cooldown, load and failback state at a glance (/status, metrics, the state file).</summary>
public sealed record UpstreamStatus(string Name, string FailureDomain, string Circuit, Cooldown? Cooldown, int InFlight)
{
    /// <summary>Failback state: in-service, down, probing or held (flapping).</summary>
    public string Health { get; init; } = "in-service";

    /// <summary>When the tier is next probed; null in service or while a probe is out.</summary>
    public DateTimeOffset? HealthUntil { get; init; }

    /// <summary>Probe successes in a row toward returning to service.</summary>
    public int ConsecutiveProbeSuccesses { get; init; }

    /// <summary>In-service/down changes since start.</summary>
    public int Transitions { get; init; }
}
