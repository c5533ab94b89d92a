using System.Globalization;
using System.Text;
using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Gate;
using EdgeRouter.Core.Observability;
using EdgeRouter.Core.Routing;
using Polly.CircuitBreaker;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>
/// Families read from live state at scrape time: build and process facts, the local gate, and each upstream's circuit,
/// failback health, in-flight requests and failure-domain cooldown. Absent parts (no local tier, no cloud section) are simply omitted.
/// </summary>
internal sealed class RouterStateMetrics(UpstreamFleet upstreams, InferenceGate? gate, TimeProvider time)
{
    private const string StatmPath = "/proc/self/statm";

    private static readonly CircuitState[] CircuitStates = Enum.GetValues<CircuitState>();

    private static readonly FailbackState[] HealthStates = Enum.GetValues<FailbackState>();

    private readonly double _startedAt = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    public void WriteTo(StringBuilder o)
    {
        PrometheusText.Family(o, "edgerouter_build_info", MetricType.Gauge, "Always 1; the version label says which build is running.");
        PrometheusText.Sample(o, "edgerouter_build_info", ["version"], [AppVersion.Current], 1);
        PrometheusText.Gauge(o, "edgerouter_start_time_seconds", "Unix time the router started.", _startedAt);
        if (ResidentBytes() is { } resident)
        {
            PrometheusText.Gauge(o, "edgerouter_process_resident_memory_bytes", "Resident memory of the router process.", resident);
        }
        if (gate is not null)
        {
            WriteGate(o, gate.Snapshot());
        }
        if (upstreams is not null)
        {
            WriteUpstreams(o, upstreams);
        }
    }

    private static void WriteGate(StringBuilder o, GateSnapshot gate)
    {
        PrometheusText.Gauge(o, "edgerouter_gate_running", "Local generations holding the slot (0 or 1).", gate.Running);
        PrometheusText.Gauge(o, "edgerouter_gate_queued", "Requests waiting in the local queue.", gate.Queued);
        PrometheusText.Family(o, "edgerouter_gate_admitted_total", MetricType.Counter, "Requests that got the local slot.");
        PrometheusText.Sample(o, "edgerouter_gate_admitted_total", gate.Admitted);
        PrometheusText.Family(o, "edgerouter_gate_rejected_total", MetricType.Counter,
            "Requests the local gate refused: queue_full (or queue disabled) or wait_timeout (queued for the whole maximum wait).");
        PrometheusText.Sample(o, "edgerouter_gate_rejected_total", ["reason"], ["queue_full"], gate.Rejected - gate.TimedOut);
        PrometheusText.Sample(o, "edgerouter_gate_rejected_total", ["reason"], ["wait_timeout"], gate.TimedOut);
    }

    private static void WriteUpstreams(StringBuilder o, UpstreamFleet upstreams)
    {
        var statuses = upstreams.UpstreamStatuses().OrderBy(static s => s.Name, StringComparer.Ordinal).ToList();
        if (statuses.Count == 0)
        {
            return;
        }
        PrometheusText.Family(o, "edgerouter_upstream_circuit_state", MetricType.Gauge, "1 for the current circuit-breaker state of each upstream.");
        foreach (var status in statuses)
        {
            foreach (var state in CircuitStates)
            {
                var name = state.ToString();
                PrometheusText.Sample(o, "edgerouter_upstream_circuit_state", ["upstream", "state"], [status.Name, MetricNames.SnakeCase(name)],
                    status.Circuit == name ? 1 : 0);
            }
        }
        PrometheusText.Family(o, "edgerouter_upstream_health", MetricType.Gauge,
            "1 for the current failback state of each upstream: in_service takes real traffic; down, probing and held do not.");
        foreach (var status in statuses)
        {
            var current = upstreams.Failback(status.Name).State;
            foreach (var state in HealthStates)
            {
                PrometheusText.Sample(o, "edgerouter_upstream_health", ["upstream", "state"], [status.Name, MetricNames.SnakeCase(state.ToString())],
                    state == current ? 1 : 0);
            }
        }
        PrometheusText.Family(o, "edgerouter_upstream_in_flight", MetricType.Gauge, "Requests in progress on each upstream.");
        foreach (var status in statuses)
        {
            PrometheusText.Sample(o, "edgerouter_upstream_in_flight", ["upstream"], [status.Name], status.InFlight);
        }
        PrometheusText.Family(o, "edgerouter_failure_domain_cooldown_seconds", MetricType.Gauge,
            "Time left before a failure domain may be used again, by kind (throttle, credential_disabled); 0 when not resting.");
        foreach (var domain in statuses.DistinctBy(static s => s.FailureDomain).OrderBy(static s => s.FailureDomain, StringComparer.Ordinal))
        {
            foreach (var kind in new[] { CooldownKind.Throttle, CooldownKind.CredentialDisabled })
            {
                var remaining = domain.Cooldown is { } cooldown && cooldown.Kind == kind ? upstreams.Cooldowns.TimeRemaining(cooldown).TotalSeconds : 0;
                PrometheusText.Sample(o, "edgerouter_failure_domain_cooldown_seconds", ["domain", "kind"],
                    [domain.FailureDomain, MetricNames.SnakeCase(kind.ToString())], remaining);
            }
        }
    }

    /// <summary>The second field of statm is resident pages; null where /proc is not there to read.</summary>
    private static double? ResidentBytes()
    {
        try
        {
            var fields = File.ReadAllText(StatmPath).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 1 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pages)
                ? pages * (double)Environment.SystemPageSize
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
