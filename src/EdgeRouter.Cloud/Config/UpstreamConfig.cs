namespace EdgeRouter.Cloud.Config;

/// <summary>
/// One OpenAI-compatible endpoint serving one model. Immutable: a change means a restart.
/// </summary>
public sealed record UpstreamConfig
{
    /// <summary>How routes and headers name this upstream; unique, and never <c>local</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The API root including its version segment, as OpenAI SDKs expect it, e.g. <c>https://api.openai.com/v1/</c>;
    /// <c>chat/completions</c> and <c>completions</c> are resolved against it.
    /// </summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The model id sent upstream, e.g. <c>gpt-4o-mini</c>.</summary>
    public required string Model { get; init; }

    /// <summary>What <see cref="Model"/> serves. <value>The default value is <see cref="UpstreamApi.Chat"/>.</value></summary>
    public UpstreamApi Api { get; init; } = UpstreamApi.Chat;

    /// <summary>
    /// Where the API key lives: <c>env:NAME</c>, <c>file:/absolute/path</c>, <c>systemd:NAME</c>
    /// (<c>$CREDENTIALS_DIRECTORY/NAME</c>) or <c>none</c>. Never the key itself.
    /// </summary>
    public required string Credential { get; init; }

    /// <summary>
    /// What one throttle or credential failure takes out, usually the API key/account: upstreams that share a domain
    /// cool down together. An explicit value always wins. <value>Null means derived from the key: upstreams whose
    /// resolved keys are one (by keyed hash, see <see cref="Credentials.SecretDomains"/>) share the domain named after the
    /// first one's credential reference; otherwise the reference itself (or the base URL's authority for <c>none</c>).</value>
    /// </summary>
    public string? FailureDomain { get; init; }

    /// <summary>Prompt plus completion tokens the model accepts. <value>The default value is 8192.</value></summary>
    public int ContextWindow { get; init; } = CloudDefaults.ContextWindow;

    /// <summary>Costs money per request; background work never spills to a paid upstream unless the route allows it. <value>The default value is true.</value></summary>
    public bool Paid { get; init; } = true;

    /// <summary>Whether HTTP(S)_PROXY/NO_PROXY from the environment apply. <value>The default value is true.</value></summary>
    public bool UseProxy { get; init; } = true;

    /// <summary>
    /// This upstream's failback probe; <see cref="ProbeKind.Models"/> here is the explicit opt-in to the light probe
    /// (`check` warns that it differs from traffic). <value>Null means <see cref="FailbackConfig.Probe"/>.</value>
    /// </summary>
    public ProbeKind? Probe { get; init; }

    public UpstreamTimeouts Timeouts { get; init; } = new();

    public UpstreamLimits Limits { get; init; } = new();

    /// <summary>
    /// The failure domain before key matching: the explicit one, the credential reference, or the authority. The router
    /// may merge references that hold one key (<see cref="Credentials.SecretDomains"/>).
    /// </summary>
    public string EffectiveFailureDomain =>
        FailureDomain is { Length: > 0 } domain ? domain
        : string.Equals(Credential, "none", StringComparison.OrdinalIgnoreCase) ? BaseUrl.GetLeftPart(UriPartial.Authority)
        : Credential;
}

/// <summary>Every way an attempt can take too long; all measured with the router's TimeProvider except Connect.</summary>
public sealed record UpstreamTimeouts
{
    /// <summary>TCP+TLS connect (SocketsHttpHandler.ConnectTimeout). <value>The default value is 5 s.</value></summary>
    public TimeSpan Connect { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>From sending until the first content token; past it the router fails over. <value>The default value is 30 s.</value></summary>
    public TimeSpan FirstToken { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest silence between two stream chunks after the first token. <value>The default value is 30 s.</value></summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whole attempt, including the complete stream. <value>The default value is 300 s.</value></summary>
    public TimeSpan Total { get; init; } = TimeSpan.FromSeconds(300);
}

/// <summary>What the provider allows; consulted before sending so spillover never exceeds it.</summary>
public sealed record UpstreamLimits
{
    /// <summary>Requests per minute. <value>Null means unlimited.</value></summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Requests that may go out at once after a quiet spell. <value>Null means <see cref="RequestsPerMinute"/>.</value></summary>
    public int? RequestBurst { get; init; }

    /// <summary>Prompt plus expected completion tokens per minute. <value>Null means unlimited.</value></summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>Requests in flight at once. <value>The default value is 4.</value></summary>
    public int MaxConcurrency { get; init; } = CloudDefaults.MaxConcurrency;
}
