using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeRouter.Cloud.Config;

// The JSON shape of the "cloud" section. Every value except an upstream's baseUrl, model and credential and a route's
// chain is optional; unknown keys are errors so a typo never goes unnoticed. Durations are numbers of seconds.

internal sealed class CloudSection
{
    public Dictionary<string, UpstreamSection>? Upstreams { get; init; }
    public Dictionary<string, RouteSection>? Routes { get; init; }
    public CooldownSection? Cooldowns { get; init; }
    public BreakerSection? Breaker { get; init; }
    public RetryBudgetSection? RetryBudget { get; init; }
    public BackoffSection? Backoff { get; init; }
    public FailbackSection? Failback { get; init; }
    public SlowStartSection? SlowStart { get; init; }
    public double? RequestDeadlineSeconds { get; init; }
    public int? AssumedCompletionTokens { get; init; }
}

internal sealed class UpstreamSection
{
    public string? BaseUrl { get; init; }
    public string? Model { get; init; }
    public string? Api { get; init; }
    public string? Credential { get; init; }
    public string? FailureDomain { get; init; }
    public int? ContextWindow { get; init; }
    public bool? Paid { get; init; }
    public bool? UseProxy { get; init; }
    public string? Probe { get; init; }
    public TimeoutsSection? Timeouts { get; init; }
    public LimitsSection? Limits { get; init; }
}

internal sealed class TimeoutsSection
{
    public double? ConnectSeconds { get; init; }
    public double? FirstTokenSeconds { get; init; }
    public double? IdleSeconds { get; init; }
    public double? TotalSeconds { get; init; }
}

internal sealed class LimitsSection
{
    public int? RequestsPerMinute { get; init; }
    public int? RequestBurst { get; init; }
    public int? TokensPerMinute { get; init; }
    public int? MaxConcurrency { get; init; }
}

internal sealed class RouteSection
{
    public List<string>? Chain { get; init; }
    public List<string>? Aliases { get; init; }
    public string? OnContextOverflow { get; init; }
    public bool? AllowBackground { get; init; }
    public bool? FallbackOnContentPolicy { get; init; }
}

internal sealed class CooldownSection
{
    public double? ThrottleSeconds { get; init; }
    public double? MaxThrottleSeconds { get; init; }
    public double? CredentialDisableSeconds { get; init; }
}

internal sealed class BreakerSection
{
    public double? FailureRatio { get; init; }
    public int? MinimumThroughput { get; init; }
    public double? SamplingSeconds { get; init; }
    public double? BreakSeconds { get; init; }
}

internal sealed class RetryBudgetSection
{
    public double? Ratio { get; init; }
    public double? WindowSeconds { get; init; }
    public int? MinRetries { get; init; }
}

internal sealed class BackoffSection
{
    public double? BaseMilliseconds { get; init; }
    public double? MaxMilliseconds { get; init; }
}

internal sealed class FailbackSection
{
    public int? SuccessesToRecover { get; init; }
    public string? Probe { get; init; }
    public int? ProbeMaxTokens { get; init; }
    public double? ProbeTimeoutSeconds { get; init; }
    public double? ProbeIntervalSeconds { get; init; }
    public double? MaxProbeIntervalSeconds { get; init; }
    public double? FlapWindowSeconds { get; init; }
    public int? FlapMaxTransitions { get; init; }
    public double? FlapHoldSeconds { get; init; }
    public double? MaxFlapHoldSeconds { get; init; }
}

internal sealed class SlowStartSection
{
    public int? MaxInFlight { get; init; }
    public double? IdleSeconds { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(CloudSection))]
internal sealed partial class CloudConfigJsonContext : JsonSerializerContext;
