using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Failback;

/// <summary>What one probe came to: a success, a classified failure, or not sent because the upstream's own limits refused.</summary>
internal sealed record ProbeOutcome(TierFailure? Failure, LimitRefusal? Refusal)
{
    public static ProbeOutcome Succeeded { get; } = new(null, null);
}

/// <summary>The upstream a <see cref="TierFailback"/> watches: its identity, its breaker, its probe and its failure actions.</summary>
internal interface IProbeTarget
{
    string Name { get; }

    /// <summary>The failure domain whose cooldowns and credential disables take this tier down.</summary>
    string Domain { get; }

    UpstreamBreaker Breaker { get; }

    /// <summary>One probe on the tier's own route, taking permits from the same limiter real traffic uses.</summary>
    Task<ProbeOutcome> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>The failure class's normal action (a throttle cools the domain, a rejected key disables it).</summary>
    void ApplyFailure(TierFailure failure);
}
