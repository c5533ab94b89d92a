using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Gate;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Local;
using EdgeRouter.Core.Routing;
using EdgeRouter.Edge.Thermal;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Observability.Alerts;
using EdgeRouter.Host.Observability.Events;

namespace EdgeRouter.Host.Observability.Status;

/// <summary>Assembles <see cref="StatusReport"/> from the live parts; every part but the config and clock is optional.</summary>
internal sealed class StatusReporter
{
    private readonly RouterConfig _config;
    private readonly TimeProvider _time;
    private readonly IInferenceService _inference;
    private readonly LocalTier? _local;
    private readonly InferenceGate? _gate;
    private readonly ThermalMonitor? _thermal;
    private readonly Router _router;
    private readonly UpstreamFleet _upstreams;
    private readonly AlertSink? _alerts;
    private readonly EventJournal _journal;
    private readonly DateTimeOffset _startedAt;

    public StatusReporter(RouterConfig config, TimeProvider time, IInferenceService inference, LocalTier? local,
        InferenceGate? gate, ThermalMonitor? thermal, Router router, UpstreamFleet upstreams, AlertSink? alerts, EventJournal journal)
    {
        _config = config;
        _time = time;
        _inference = inference;
        _local = local;
        _gate = gate;
        _thermal = thermal;
        _router = router;
        _upstreams = upstreams;
        _alerts = alerts;
        _journal = journal;
        _startedAt = time.GetUtcNow();
    }

    /// <summary>The address actually bound (port 0 resolved); set once the server listens.</summary>
    public string? ListenAddress { get; set; }

    public StatusReport Build()
    {
        var now = _time.GetUtcNow();
        var thermal = Thermal();
        List<TierReport> tiers = [Local(thermal), .. _upstreams.UpstreamStatuses().Select(Upstream)];
        return new StatusReport
        {
            Version = AppVersion.Current,
            Now = now,
            StartedAt = _startedAt,
            UptimeSeconds = Math.Round((now - _startedAt).TotalSeconds, 1),
            Listen = ListenAddress ?? _config.Listen.ToString(),
            Model = Model(),
            Gate = Gate(),
            Thermal = thermal,
            Tiers = tiers,
            Routes = Routes(),
            // Retries only ever go to remote tiers: without one the budget is noise.
            RetryBudget = tiers.Count > 1 ? Budget(_router.RetryBudget.Snapshot()) : null,
            Alerts = _alerts is null ? null : new AlertsReport
            {
                Target = _config.Alerts.Url?.ToString() ?? "",
                Sent = _alerts.Sent,
                Suppressed = _alerts.Suppressed,
                Dropped = _alerts.Dropped,
                Failed = _alerts.Failed,
            },
            Transitions = [.. _journal.Recent().Select(Transition)],
        };
    }

    private ModelStatus Model()
    {
        var readiness = _local?.Readiness ?? _inference.Readiness;
        var model = _local?.Model;
        return new ModelStatus
        {
            Name = model?.Name ?? _config.Model.Name,
            State = StateWord(readiness.State),
            Reason = readiness.Reason,
            ContextLength = model?.ContextLength,
        };
    }

    private GateReport? Gate()
    {
        if (_gate is null)
        {
            return null;
        }
        var snapshot = _gate.Snapshot();
        return new GateReport
        {
            Running = snapshot.Running,
            Queued = snapshot.Queued,
            QueueLength = _gate.Options.QueueLength,
            MaxWaitSeconds = _gate.Options.MaxWait.TotalSeconds,
            Admitted = snapshot.Admitted,
            Rejected = snapshot.Rejected,
            TimedOut = snapshot.TimedOut,
        };
    }

    private ThermalReport Thermal()
    {
        var current = _thermal?.Current;
        return new ThermalReport
        {
            Level = (current?.Level ?? ThermalLevel.Normal).ToString().ToLowerInvariant(),
            Celsius = current?.Celsius is { } c ? Math.Round(c, 1) : null,
            Zone = current?.Zone,
            Since = current?.Since ?? _startedAt,
            UnderVoltage = current?.UnderVoltage,
            Shedding = current?.Level == ThermalLevel.Hot,
        };
    }

    private TierReport Local(ThermalReport thermal)
    {
        var readiness = _local?.Readiness ?? _inference.Readiness;
        var state = readiness.State != ReadinessState.Ready ? StateWord(readiness.State)
            : thermal.Shedding ? "shedding"
            : _local?.IsBusy == true ? "busy"
            : "ready";
        return new TierReport
        {
            Name = LocalTier.TierName,
            Kind = "local",
            State = state,
            Reason = thermal.Shedding ? $"thermal {thermal.Level}" : readiness.Reason,
            InFlight = _gate?.Snapshot().Running,
            Model = _local?.Model?.Name,
        };
    }

    private TierReport Upstream(UpstreamStatus status)
    {
        var config = _config.Cloud.Upstreams.FirstOrDefault(u => u.Name == status.Name);
        var (state, until, reason) = status switch
        {
            { Cooldown: { Kind: CooldownKind.CredentialDisabled } c } => ("disabled", (DateTimeOffset?)c.Until, c.Reason),
            { Cooldown: { } c } => ("cooling", c.Until, c.Reason),
            { Circuit: "Open" or "Isolated" } => ("open", null, "circuit open after repeated outages"),
            { Circuit: "HalfOpen" } => ("half-open", null, "circuit half-open: one trial request allowed"),
            // The rest is over but real traffic still skips the tier until probes bring it back.
            { Health: not "in-service" } => (status.Health, status.HealthUntil,
                (string?)$"real traffic waits for {_config.Cloud.Failback.SuccessesToRecover} probe successes in a row"),
            _ => ("up", null, (string?)null),
        };
        return new TierReport
        {
            Name = status.Name,
            Kind = "upstream",
            State = state,
            Until = until,
            Reason = reason,
            FailureDomain = status.FailureDomain,
            Circuit = status.Circuit,
            Cooldown = status.Cooldown is { } cooldown
                ? new CooldownReport
                {
                    Kind = cooldown.Kind == CooldownKind.CredentialDisabled ? HealthEventBridge.Credential : HealthEventBridge.Throttle,
                    Until = cooldown.Until,
                    Reason = cooldown.Reason,
                }
                : null,
            InFlight = status.InFlight,
            Credential = config?.Credential,
            Model = config?.Model,
            Health = new HealthReport
            {
                State = status.Health,
                NextProbe = status.HealthUntil,
                ProbeSuccesses = status.ConsecutiveProbeSuccesses,
                SuccessesToRecover = _config.Cloud.Failback.SuccessesToRecover,
                Transitions = status.Transitions,
            },
        };
    }

    private List<RouteReport> Routes() => [.. _router.ListedRoutes().Select(r => new RouteReport
        {
            Name = r.Name,
            Chain = [.. r.Tiers],
            Pinned = _router.Pins.TryGetValue(r.Name, out var tier) ? tier : null,
        })];

    private static RetryBudgetReport Budget((int Requests, int Retries, int Allowance) budget) =>
        new() { Requests = budget.Requests, Retries = budget.Retries, Allowance = budget.Allowance };

    private static TransitionReport Transition(RouterEvent e) => new()
    {
        Kind = RouterEvent.KindText(e.Kind),
        Subject = e.Subject,
        Severity = RouterEvent.SeverityText(e.Severity),
        Class = e.Class,
        Until = e.Until,
        Reason = e.Reason,
        Timestamp = e.Timestamp,
    };

    private static string StateWord(ReadinessState state) => state switch
    {
        ReadinessState.Ready => "ready",
        ReadinessState.Loading => "loading",
        _ => "failed",
    };
}
