using EdgeRouter.Cloud.Failures;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Failback;

public enum FailbackState
{
    /// <summary>Takes real traffic.</summary>
    InService,

    /// <summary>Out of service and resting (cooldown, credential disable, open circuit, backoff after a failed probe).</summary>
    Down,

    /// <summary>Its rest is over; probes decide when it returns. Real traffic still skips it.</summary>
    Probing,

    /// <summary>Changed state too often in the flap window: held out for a growing time before probing starts.</summary>
    Held,
}

/// <summary>
/// One tier's failback state at a glance. <see cref="Until"/> is the next probe (null in service or while a probe is out);
/// <see cref="Cause"/> is what took it down; <see cref="Transitions"/> counts in-service/down changes since start.
/// </summary>
public readonly record struct FailbackSnapshot(FailbackState State, DateTimeOffset? Until, int ConsecutiveSuccesses,
    int Transitions, FailureClass? Cause)
{
    /// <summary>The label /status and the route trace use: in-service, down, probing or held.</summary>
    public string Label => State switch
    {
        FailbackState.InService => "in-service",
        FailbackState.Down => "down",
        FailbackState.Probing => "probing",
        _ => "held",
    };
}
