namespace EdgeRouter.Cloud.Config;

/// <summary>
/// How a cold failure domain (one API key or account) is approached: after it has been idle, after a cooldown or
/// credential disable, and at start, at most <see cref="MaxInFlight"/> requests go to it until one of them is answered
/// well; then only the upstreams' own limits apply. One setting for the whole cloud section rather than per upstream,
/// because the state is per failure domain and two upstreams on one key must not disagree about it.
/// </summary>
public sealed record SlowStartConfig
{
    /// <summary>
    /// Requests in flight to a cold domain before its first good answer. 0 turns slow start off.
    /// <value>The default value is 1: a 429 on the first answer then spends one request, not a burst.</value>
    /// </summary>
    public int MaxInFlight { get; init; } = 1;

    /// <summary>
    /// With nothing in flight for this long the domain is cold again (a provider's per-minute window has turned over,
    /// and another client on the same key may have spent it). <value>The default value is 60 s.</value>
    /// </summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(60);
}
