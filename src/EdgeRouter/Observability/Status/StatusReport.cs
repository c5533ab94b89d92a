using System.Text.Json.Serialization;

namespace EdgeRouter.Host.Observability.Status;

// GET /status, read by `edgerouter status` and the /ui page. Never a secret: credentials appear as their reference
// (env:NAME), never resolved; the alert webhook as its reference or scheme://host only.

public sealed class StatusReport
{
    public required string Version { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required double UptimeSeconds { get; init; }
    public required string Listen { get; init; }
    public required ModelStatus Model { get; init; }
    public GateReport? Gate { get; init; }
    public required ThermalReport Thermal { get; init; }
    public required List<TierReport> Tiers { get; init; }
    public required List<RouteReport> Routes { get; init; }
    public RetryBudgetReport? RetryBudget { get; init; }
    public AlertsReport? Alerts { get; init; }
    public required List<TransitionReport> Transitions { get; init; }
}

public sealed class ModelStatus
{
    public string? Name { get; init; }

    /// <summary>"ready", "loading" or "failed".</summary>
    public required string State { get; init; }
    public required string Reason { get; init; }
    public int? ContextLength { get; init; }
}

public sealed class GateReport
{
    public required int Running { get; init; }
    public required int Queued { get; init; }
    public required int QueueLength { get; init; }
    public required double MaxWaitSeconds { get; init; }
    public required long Admitted { get; init; }
    public required long Rejected { get; init; }
    public required long TimedOut { get; init; }
}

public sealed class ThermalReport
{
    /// <summary>"normal", "warm" or "hot".</summary>
    public required string Level { get; init; }
    public double? Celsius { get; init; }
    public string? Zone { get; init; }
    public required DateTimeOffset Since { get; init; }
    public bool? UnderVoltage { get; init; }

    /// <summary>The local tier refuses new work until it cools.</summary>
    public required bool Shedding { get; init; }
}

public sealed class TierReport
{
    public required string Name { get; init; }

    /// <summary>"local" or "upstream".</summary>
    public required string Kind { get; init; }

    /// <summary>
    /// One word for the table: local "ready", "loading", "failed", "shedding", "busy"; upstream "up", "cooling",
    /// "disabled", "open", "half-open", or its failback state ("down", "probing", "held") once the rest is over.
    /// </summary>
    public required string State { get; init; }

    /// <summary>When <see cref="State"/> is expected to end (a cooldown's deadline), if known.</summary>
    public DateTimeOffset? Until { get; init; }
    public string? Reason { get; init; }
    public string? FailureDomain { get; init; }

    /// <summary>Polly's circuit state: "Closed", "Open", "HalfOpen", "Isolated".</summary>
    public string? Circuit { get; init; }
    public CooldownReport? Cooldown { get; init; }
    public int? InFlight { get; init; }

    /// <summary>Where the key comes from (env:NAME, file:/path, systemd:NAME, none): the reference, never the key.</summary>
    public string? Credential { get; init; }
    public string? Model { get; init; }

    /// <summary>An upstream's failback state: whether real traffic reaches it, and how far probing has got.</summary>
    public HealthReport? Health { get; init; }
}

public sealed class HealthReport
{
    /// <summary>"in-service", "down", "probing" or "held" (out for flapping).</summary>
    public required string State { get; init; }

    /// <summary>When the tier is next probed; absent in service or while a probe is out.</summary>
    public DateTimeOffset? NextProbe { get; init; }

    /// <summary>Probe successes in a row, toward <see cref="SuccessesToRecover"/>.</summary>
    public required int ProbeSuccesses { get; init; }
    public required int SuccessesToRecover { get; init; }

    /// <summary>In-service/down changes since start.</summary>
    public required int Transitions { get; init; }
}

public sealed class CooldownReport
{
    /// <summary>"throttle" or "credential".</summary>
    public required string Kind { get; init; }
    public required DateTimeOffset Until { get; init; }
    public required string Reason { get; init; }
}

public sealed class RouteReport
{
    public required string Name { get; init; }
    public required List<string> Chain { get; init; }

    /// <summary>The tier an operator pinned this route to, if any.</summary>
    public string? Pinned { get; init; }
}

public sealed class RetryBudgetReport
{
    public required int Requests { get; init; }
    public required int Retries { get; init; }
    public required int Allowance { get; init; }
}

public sealed class AlertsReport
{
    /// <summary>The webhook as its credential reference or scheme://host/..., never the full URL.</summary>
    public required string Target { get; init; }
    public required long Sent { get; init; }
    public required long Suppressed { get; init; }
    public required long Dropped { get; init; }
    public required long Failed { get; init; }
}

public sealed class TransitionReport
{
    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public required string Severity { get; init; }
    public string? Class { get; init; }
    public DateTimeOffset? Until { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(StatusReport))]
public sealed partial class StatusJsonContext : JsonSerializerContext;
