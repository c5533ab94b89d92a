namespace EdgeRouter.Cloud.Config;

/// <summary>How a failback probe asks an upstream whether it is back.</summary>
public enum ProbeKind
{
    /// <summary>
    /// Opt-in light probe: <c>GET {baseUrl}models</c>, authenticated, no tokens. It does not ask what traffic asks: a
    /// provider that throttles chat for the key while <c>/models</c> answers 200 makes the tier flap (`check` warns).
    /// </summary>
    Models,

    /// <summary>
    /// The default: the route's real request (same method, path, model, key, headers and limits as traffic), a
    /// minimal streaming chat with <see cref="FailbackConfig.ProbeMaxTokens"/>. Only a real completion proves the
    /// key is served again.
    /// </summary>
    Request,
}

/// <summary>
/// When a tier that went out of service (cooling, credential-disabled, circuit open) may take real traffic again.
/// Nothing returns by the clock alone: after its rest a tier is probed over its own route, and only
/// <see cref="SuccessesToRecover"/> consecutive successes put it back; a tier that changes state too often is held out.
/// </summary>
public sealed record FailbackConfig
{
    /// <summary>Consecutive probe successes before real traffic returns (hysteresis). <value>The default value is 3.</value></summary>
    public int SuccessesToRecover { get; init; } = 3;

    /// <summary>
    /// What a probe sends, unless the upstream sets its own <see cref="UpstreamConfig.Probe"/>. Request by default:
    /// a probe that asks something else than traffic can hear "healthy" while traffic still gets 429s.
    /// <value>The default value is <see cref="ProbeKind.Request"/>.</value>
    /// </summary>
    public ProbeKind Probe { get; init; } = ProbeKind.Request;

    /// <summary>
    /// max_tokens of a <see cref="ProbeKind.Request"/> probe. Not 1: reasoning models spend hidden tokens before any
    /// output and answer a 1-token budget with an error or an empty "length" stop, which would read as a failure.
    /// <value>The default value is 16.</value>
    /// </summary>
    public int ProbeMaxTokens { get; init; } = 16;

    /// <summary>A probe without an answer by then is an outage. <value>The default value is 10 s.</value></summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Between consecutive probes while recovering, and the first step of the backoff after a failed probe. <value>The default value is 10 s.</value></summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Cap on the doubling wait after probes that found an outage. <value>The default value is 300 s.</value></summary>
    public TimeSpan MaxProbeInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Sliding window in which in-service/down transitions of one tier are counted. <value>The default value is 10 min.</value></summary>
    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Transitions allowed in <see cref="FlapWindow"/>; going down beyond them holds the tier out. <value>The default value is 4.</value></summary>
    public int FlapMaxTransitions { get; init; } = 4;

    /// <summary>First hold of a flapping tier; each further hold doubles it. <value>The default value is 60 s.</value></summary>
    public TimeSpan FlapHold { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Cap on a flapping tier's hold. <value>The default value is 30 min.</value></summary>
    public TimeSpan MaxFlapHold { get; init; } = TimeSpan.FromMinutes(30);
}
