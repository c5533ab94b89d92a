using EdgeRouter.Cloud.Breakers;

namespace EdgeRouter.Cloud.State;

/// <summary>
/// What survives a restart: cooldowns, open circuits and operator pins. Expiries are wall-clock times, because the
/// monotonic clock starts over with the process; <see cref="Version"/> lets a later format be told apart and ignored.
/// </summary>
public sealed record RouterState
{
    public const int CurrentVersion = 1;

    public static RouterState Empty { get; } = new();

    public int Version { get; init; } = CurrentVersion;

    public DateTimeOffset SavedAt { get; init; }

    public IReadOnlyList<SavedCooldown> Cooldowns { get; init; } = [];

    public IReadOnlyList<SavedBreaker> Breakers { get; init; } = [];

    public IReadOnlyList<SavedPin> Pins { get; init; } = [];

    public bool IsEmpty => Cooldowns.Count == 0 && Breakers.Count == 0 && Pins.Count == 0;
}

/// <summary>A failure domain resting (throttled or with its credential disabled) until <paramref name="Until"/>.</summary>
public sealed record SavedCooldown(string Domain, CooldownKind Kind, DateTimeOffset Until, string Reason);

/// <summary>An upstream whose circuit is open until <paramref name="Until"/>.</summary>
public sealed record SavedBreaker(string Upstream, DateTimeOffset Until);

/// <summary>An operator's pin of <paramref name="Route"/> to one <paramref name="Tier"/>.</summary>
public sealed record SavedPin(string Route, string Tier);
