using EdgeRouter.Core.Routing;

namespace EdgeRouter.Host.Security;

/// <summary>One local app's key: stored as a hash, with its own rate limit, priority and allowed routes.</summary>
public sealed record ApiKeyConfig
{
    public const int DefaultRequestsPerMinute = 60;

    /// <summary>Shown in logs and metrics instead of the key. Letters, digits, '.', '_' and '-'.</summary>
    public required string Name { get; init; }

    /// <summary>Lowercase hex SHA-256 of the token (<see cref="KeyHash.Of"/>); the token itself is never stored.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Sustained request rate. <value>The default value is 60.</value></summary>
    public int RequestsPerMinute { get; init; } = DefaultRequestsPerMinute;

    /// <summary>The bucket's size: how many requests may come back to back before the rate applies. <value>Null means <see cref="RequestsPerMinute"/>.</value></summary>
    public int? Burst { get; init; }

    /// <summary>
    /// Background keys are always background (no paid spill unless the route allows it), whatever the request's
    /// X-EdgeRouter-Priority header says. <value>The default value is interactive.</value>
    /// </summary>
    public RequestPriority Priority { get; init; } = RequestPriority.Interactive;

    /// <summary>Routes (model names) the key may use, e.g. ["local"]. <value>Null means every route.</value></summary>
    public IReadOnlyList<string>? Routes { get; init; }
}

/// <summary>The "auth" section. Without keys the router serves only loopback clients, and needs no key from them.</summary>
public sealed record AuthConfig
{
    public static AuthConfig None { get; } = new();

    public IReadOnlyList<ApiKeyConfig> ApiKeys { get; init; } = [];

    public bool RequiresKeys => ApiKeys.Count > 0;
}
