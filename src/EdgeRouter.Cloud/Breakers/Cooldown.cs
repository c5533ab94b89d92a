namespace EdgeRouter.Cloud.Breakers;

public enum CooldownKind
{
    /// <summary>Rate limited or overloaded; ends by itself.</summary>
    Throttle,

    /// <summary>The key was rejected; long, because nothing changes until someone fixes it.</summary>
    CredentialDisabled,
}

/// <summary>A failure domain resting until <see cref="Until"/>; the kind and reason of whichever deadline is later.</summary>
public sealed record Cooldown(string Domain, CooldownKind Kind, DateTimeOffset Until, string Reason)
{
    /// <summary>Monotonic deadline in the TimeProvider's timestamp units (wall-clock jumps cannot shorten it).</summary>
    internal long UntilTimestamp { get; init; }
}
