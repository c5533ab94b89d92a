namespace EdgeRouter.Core.Routing;

/// <summary>
/// What went wrong with an attempt, and therefore what happens next. One classifier decides; every policy
/// (cooldown, breaker, credential disable, failover, passthrough) keys off this and nothing else.
/// </summary>
public enum FailureClass
{
    /// <summary>429, 529, quota/rate text. Cools the whole failure domain (honouring Retry-After); fail over.</summary>
    Throttle,

    /// <summary>5xx, connect refused, DNS, reset, timeouts. Counts toward the upstream's circuit breaker; fail over.</summary>
    Outage,

    /// <summary>401, 402, 403. Disables the failure domain for a long window and raises an event; fail over.</summary>
    Credential,

    /// <summary>400, 404, 413, 422...: the request itself is wrong. Returned to the client unchanged, never failed over.</summary>
    Request,

    /// <summary>The prompt does not fit this tier. Goes to the next tier with a bigger context window.</summary>
    ContextOverflow,

    /// <summary>The provider refused on content policy. Returned to the client unless the route allows fallback.</summary>
    ContentPolicy,

    /// <summary>The client went away. Never counted against an upstream.</summary>
    ClientCancelled,
}
