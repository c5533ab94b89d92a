using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Config;

/// <summary>The cloud half of the router: upstreams, routes and the policy that keeps them from storming.</summary>
public sealed record CloudConfig
{
    public IReadOnlyList<UpstreamConfig> Upstreams { get; init; } = [];

    public IReadOnlyList<RouteConfig> Routes { get; init; } = [];

    public CooldownConfig Cooldowns { get; init; } = new();

    public BreakerConfig Breaker { get; init; } = new();

    public RetryBudgetConfig RetryBudget { get; init; } = new();

    public BackoffConfig Backoff { get; init; } = new();

    public FailbackConfig Failback { get; init; } = new();

    /// <summary>How many requests may reach a cold failure domain before its first answer.</summary>
    public SlowStartConfig SlowStart { get; init; } = new();

    /// <summary>
    /// How long a request may spend walking its chain before a tier starts answering (queueing, failed attempts,
    /// waiting for a first token). <value>The default value is 60 s.</value>
    /// </summary>
    public TimeSpan RequestDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Completion tokens assumed for rate budgeting when a request sets no max_tokens. <value>The default value is 256.</value></summary>
    public int AssumedCompletionTokens { get; init; } = 256;

    public static CloudConfig Empty { get; } = new();

    /// <summary>The part of this config the router itself reads; the upstream tiers are built from the rest.</summary>
    public RoutingOptions Routing => new()
    {
        Routes = Routes,
        RequestDeadline = RequestDeadline,
        AssumedCompletionTokens = AssumedCompletionTokens,
        RetryBudget = RetryBudget,
        Backoff = Backoff,
    };
}

/// <summary>How long a failure domain rests after a throttle or a rejected credential.</summary>
public sealed record CooldownConfig
{
    /// <summary>Rest after a throttle without a longer Retry-After. <value>The default value is 30 s.</value></summary>
    public TimeSpan Throttle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on any throttle rest, whatever Retry-After asks for. <value>The default value is 300 s.</value></summary>
    public TimeSpan MaxThrottle { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Rest after 401/402/403: the key is disabled until an operator fixes it or this passes. <value>The default value is 1 h.</value></summary>
    public TimeSpan CredentialDisable { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>Per-upstream circuit breaker for outages (Polly.Core's advanced breaker).</summary>
public sealed record BreakerConfig
{
    /// <summary>Share of outage outcomes in the sampling window that opens the circuit. <value>The default value is 0.5.</value></summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Attempts in the window before the ratio counts (at least 2). <value>The default value is 3.</value></summary>
    public int MinimumThroughput { get; init; } = 3;

    /// <summary><value>The default value is 30 s.</value></summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one half-open trial. <value>The default value is 30 s.</value></summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}
