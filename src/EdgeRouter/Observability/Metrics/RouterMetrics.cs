using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>
/// The families fed by finished requests and by health events. Recording is a handful of lock-free updates per
/// request (never per token); every label value goes through <see cref="MetricLabels"/>.
/// </summary>
internal sealed class RouterMetrics : IDisposable
{
    private static readonly double[] FirstTokenBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    private static readonly double[] OverheadBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

    private readonly MetricLabels _labels;
    private readonly HealthEvents? _events;
    private readonly Counter _requests;
    private readonly Counter _fallbackHops;
    private readonly Counter _upstreamFailures;
    private readonly Histogram _timeToFirstToken;
    private readonly Histogram _overhead;
    private readonly Counter _localGenerations;
    private readonly Counter _localPromptTokens;
    private readonly Counter _localCompletionTokens;
    private readonly Counter _localPromptSeconds;
    private readonly Counter _localDecodeSeconds;
    private readonly Gauge _lastPromptRate;
    private readonly Gauge _lastDecodeRate;
    private readonly Counter _probes;
    private readonly Counter _healthEvents;

    public RouterMetrics(MetricsRegistry registry, MetricLabels labels, HealthEvents? events)
    {
        _labels = labels;
        _requests = registry.Counter("edgerouter_requests_total",
            "Generation requests by API surface, route, serving tier (none if no tier served) and outcome (ok, stream_error, " +
            "client_gone, client_error, unavailable, upstream_error, server_error).", "surface", "route", "tier", "outcome");
        _fallbackHops = registry.Counter("edgerouter_fallback_hops_total",
            "Tiers of a route that did not serve a request (skipped or failed before the first token), by reason.", "route", "tier", "reason");
        _upstreamFailures = registry.Counter("edgerouter_upstream_failures_total",
            "Requests an upstream failed before the first token, by failure class.", "upstream", "class");
        _timeToFirstToken = registry.Histogram("edgerouter_time_to_first_token_seconds",
            "From a request's arrival to its first generated text being ready to send, by serving tier.", FirstTokenBuckets, "tier");
        _overhead = registry.Histogram("edgerouter_router_overhead_seconds",
            "Time the router itself added before a tier started: from the request's arrival to handing it to routing (reading, " +
            "parsing and validating the body), plus the routing time outside tier attempts (decisions, backoff). Excludes " +
            "local queueing and each tier's own time to its first token.", OverheadBuckets);
        _localGenerations = registry.Counter("edgerouter_local_generations_total", "Generations run by the local model.");
        _localPromptTokens = registry.Counter("edgerouter_local_prompt_tokens_total", "Prompt tokens the local model evaluated.");
        _localCompletionTokens = registry.Counter("edgerouter_local_completion_tokens_total", "Tokens the local model generated.");
        _localPromptSeconds = registry.Counter("edgerouter_local_prompt_seconds_total",
            "Time the local model spent evaluating prompts (prompt tokens/s = rate of tokens over rate of this).");
        _localDecodeSeconds = registry.Counter("edgerouter_local_decode_seconds_total",
            "Time the local model spent generating tokens (decode tokens/s = rate of tokens over rate of this).");
        _lastPromptRate = registry.Gauge("edgerouter_local_last_prompt_tokens_per_second", "Prompt evaluation speed of the last local generation.");
        _lastDecodeRate = registry.Gauge("edgerouter_local_last_decode_tokens_per_second", "Decode speed of the last local generation.");
        _probes = registry.Counter("edgerouter_probes_total", "Failback probes of upstreams, by result (success, failure).", "upstream", "result");
        _healthEvents = registry.Counter("edgerouter_health_events_total",
            "Health events (cooldowns, breaker changes, tier down/up, probes, operator actions), by kind.", "kind");

        _events = events;
        if (events is not null)
        {
            events.Raised += OnHealthEvent;
        }
    }

    /// <summary>Records a finished request once; <paramref name="outcome"/> is one of the outcome words in the HELP text.</summary>
    public void Record(RequestRecord record, string outcome)
    {
        var trace = record.Trace;
        var route = trace is not null ? _labels.Route(trace.Route)
            : record.UnknownModel ? MetricLabels.Unknown
            : record.RequestedModel is { } model ? _labels.RouteOfModel(model)
            : MetricLabels.None;
        var tier = _labels.Tier(trace?.Tier);
        _requests.Increment(record.Surface.Name, route, tier, outcome);

        foreach (var attempt in trace?.Attempts ?? [])
        {
            if (attempt.Outcome == AttemptOutcome.Served)
            {
                continue;
            }
            _fallbackHops.Increment(route, _labels.Tier(attempt.Tier), attempt.Reason);
            if (attempt.Outcome == AttemptOutcome.Failed && _labels.IsUpstream(attempt.Tier))
            {
                _upstreamFailures.Increment(attempt.Tier, attempt.FailedClass?.Name() ?? MetricLabels.Unknown);
            }
        }

        if (record.Overhead is { } overhead)
        {
            _overhead.Observe(overhead.TotalSeconds);
        }
        if (record.TimeToFirstText is { } firstText)
        {
            _timeToFirstToken.Observe(firstText.TotalSeconds, tier);
        }
        if (record.Run is { Tier: var runTier, Completion: { IsCompletedSuccessfully: true } completion } && runTier == RouteNames.Local)
        {
            RecordLocal(completion.Result);
        }
    }

    private void RecordLocal(GenerationResult result)
    {
        _localGenerations.Increment();
        _localPromptTokens.WithLabels().Add(result.PromptTokens);
        _localCompletionTokens.WithLabels().Add(result.CompletionTokens);
        _localPromptSeconds.WithLabels().Add(result.PromptDuration.TotalSeconds);
        _localDecodeSeconds.WithLabels().Add(result.DecodeDuration.TotalSeconds);
        if (result.PromptTokensPerSecond > 0)
        {
            _lastPromptRate.WithLabels().Set(result.PromptTokensPerSecond);
        }
        if (result.DecodeTokensPerSecond > 0)
        {
            _lastDecodeRate.WithLabels().Set(result.DecodeTokensPerSecond);
        }
    }

    private void OnHealthEvent(HealthEvent e)
    {
        _healthEvents.Increment(MetricNames.SnakeCase(e.Kind.ToString()));
        switch (e.Kind)
        {
            case HealthEventKind.ProbeSucceeded:
                _probes.Increment(_labels.Upstream(e.Subject), "success");
                break;
            case HealthEventKind.ProbeFailed:
                _probes.Increment(_labels.Upstream(e.Subject), "failure");
                break;
        }
    }

    public void Dispose()
    {
        if (_events is not null)
        {
            _events.Raised -= OnHealthEvent;
        }
    }
}
