using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Cloud.Health;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Cloud.Upstreams;
using EdgeRouter.Inference;
using EdgeRouter.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Cloud.Routing;

/// <summary>
/// The <see cref="IInferenceService"/> over the local tier and the configured upstreams. A request's model names a
/// route; the route's chain is walked with each tier tried at most once, inside a total deadline and a retry
/// budget, honouring cooldowns, breakers and rate limits before anything is sent. See <see cref="RouteAsync"/>.
/// </summary>
public sealed partial class Router : IInferenceService, IDisposable
{
    private readonly CloudConfig _config;
    private readonly ILocalTier _local;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILocalPressure _pressure;
    private readonly CloudRandom _random;
    private readonly IPromptTokenEstimator _estimator;
    private readonly Dictionary<string, UpstreamTier> _upstreams = new(StringComparer.OrdinalIgnoreCase);
    private readonly DateTimeOffset _startedAt;

    /// <param name="config">A config that passed <see cref="CloudConfigValidator"/>.</param>
    /// <param name="httpClients">Named clients per <see cref="UpstreamHttp.ClientName"/> (see the DI extension).</param>
    public Router(CloudConfig config, ILocalTier local, IHttpClientFactory httpClients, ICredentialResolver credentials,
        TimeProvider time, ILogger<Router> logger, ILocalPressure? pressure = null, HealthEvents? events = null,
        CloudRandom? random = null, IPromptTokenEstimator? estimator = null)
    {
        _config = config;
        _local = local;
        _time = time;
        _logger = logger;
        _pressure = pressure ?? NormalPressure.Instance;
        _random = random ?? CloudRandom.Shared;
        _estimator = estimator ?? PromptTokenEstimator.Instance;
        _startedAt = time.GetUtcNow();
        Events = events ?? new HealthEvents();
        Events.Raised += OnHealthEvent;
        Cooldowns = new CooldownStore(config.Cooldowns, time, Events);
        RetryBudget = new RetryBudget(config.RetryBudget, time);
        Routes = RouteTable.Build(config);

        var keys = new Dictionary<string, Secret?>(StringComparer.OrdinalIgnoreCase);
        foreach (var upstream in config.Upstreams)
        {
            if (!CredentialReference.TryParse(upstream.Credential, out var reference, out var problem))
            {
                throw new InvalidOperationException($"upstreams.{upstream.Name}.credential: {problem}");
            }
            var key = credentials.Resolve(reference);
            if (!key.IsResolved)
            {
                throw new InvalidOperationException($"upstreams.{upstream.Name}.credential: {reference} cannot be resolved: {key.Problem}");
            }
            keys[upstream.Name] = key.Secret;
        }
        // One key under two references is one failure domain (see SecretDomains); the derived domain rides on the config.
        var domains = SecretDomains.Derive(config.Upstreams, u => keys[u.Name]);
        SlowStarts = new SlowStarts(config.SlowStart, time, Events);
        foreach (var upstream in config.Upstreams)
        {
            var domain = domains[upstream.Name];
            var client = new UpstreamClient(upstream with { FailureDomain = domain },
                httpClients.CreateClient(UpstreamHttp.ClientName(upstream.Name)), keys[upstream.Name], time);
            _upstreams[upstream.Name] = new UpstreamTier(client, Cooldowns,
                new UpstreamBreaker(upstream.Name, config.Breaker, time, Events),
                new UpstreamLimiter(upstream.Limits, time, SlowStarts.For(domain)), config.Failback, Events, time, logger);
        }
    }

    public HealthEvents Events { get; }

    public CooldownStore Cooldowns { get; }

    public RetryBudget RetryBudget { get; }

    /// <summary>The slow start of each failure domain.</summary>
    public SlowStarts SlowStarts { get; }

    public RouteTable Routes { get; }

    public ReadinessStatus Readiness
    {
        get
        {
            var local = _local.Readiness;
            return local.State == ReadinessState.Failed && _upstreams.Count > 0
                ? new ReadinessStatus(ReadinessState.Ready, $"{local.Reason}; serving upstream routes only")
                : local;
        }
    }

    public UpstreamBreaker Breaker(string upstream) => _upstreams[upstream].Breaker;

    public UpstreamLimiter Limiter(string upstream) => _upstreams[upstream].Limiter;

    /// <summary>Whether <paramref name="upstream"/> takes real traffic, and if not, when it is next probed.</summary>
    public TierHealthSnapshot Health(string upstream) => _upstreams[upstream].Health.Snapshot();

    /// <summary>Completes when every failback probe out now has ended (tests advance a manual clock, then wait here).</summary>
    internal Task ProbesSettledAsync() => Task.WhenAll(_upstreams.Values.Select(u => u.Health.CurrentProbe));

    /// <summary>One row per upstream for /status and metrics.</summary>
    public IReadOnlyList<UpstreamStatus> UpstreamStatuses() => _upstreams.Values.Select(u =>
    {
        var health = u.Health.Snapshot();
        return new UpstreamStatus(u.Name, u.Domain, u.Breaker.State.ToString(), Cooldowns.Active(u.Domain), u.Limiter.InFlight)
        {
            Health = health.Label,
            HealthUntil = health.Until,
            ConsecutiveProbeSuccesses = health.ConsecutiveSuccesses,
            Transitions = health.Transitions,
        };
    }).ToList();

    public IReadOnlyList<ModelInfo> ListModels()
    {
        var models = new List<ModelInfo>(_local.ListModels());
        foreach (var route in Routes.Routes)
        {
            if (!models.Any(m => string.Equals(m.Name, route.Name, StringComparison.OrdinalIgnoreCase)))
            {
                models.Add(RouteModel(route));
            }
        }
        return models;
    }

    public ModelInfo? ResolveModel(string requestedModel) =>
        Routes.Resolve(requestedModel) is { } route ? RouteModel(route) : _local.ResolveModel(requestedModel);

    public async ValueTask<Admission> StartAsync(string requestedModel, GenerationRequest request, CancellationToken cancellationToken) =>
        (await RouteAsync(requestedModel, request, cancellationToken).ConfigureAwait(false)).Admission;

    private CompiledRoute? ResolveRoute(string requestedModel)
    {
        if (Routes.Resolve(requestedModel) is { } route)
        {
            return route;
        }
        // The local model's own name (or any name the local tier accepts) is the local-only route.
        return _local.ResolveModel(requestedModel) is not null ? Routes.Resolve(CloudDefaults.LocalTier) : null;
    }

    private int ContextWindow(string tier) =>
        tier == CloudDefaults.LocalTier ? _local.Model?.ContextLength ?? 0 : _upstreams[tier].Config.ContextWindow;

    private int LargestContext(CompiledRoute route) => route.Tiers.Select(ContextWindow).DefaultIfEmpty(0).Max();

    private ModelInfo RouteModel(CompiledRoute route) => new()
    {
        Name = route.Name,
        Path = $"route:{string.Join(">", route.Tiers)}",
        Architecture = "route",
        FileBytes = 0,
        ParameterCount = 0,
        Quantization = "n/a",
        ContextLength = LargestContext(route),
        TrainContextLength = LargestContext(route),
        LoadedAt = _startedAt,
        LoadDuration = TimeSpan.Zero,
    };

    private void OnHealthEvent(HealthEvent e)
    {
        switch (e.Kind)
        {
            case HealthEventKind.BreakerOpened:
                CloudLog.BreakerChanged(_logger, e.Subject, "opened", e.Reason);
                break;
            case HealthEventKind.BreakerHalfOpened:
                CloudLog.BreakerChanged(_logger, e.Subject, "half-open", e.Reason);
                break;
            case HealthEventKind.BreakerClosed:
                CloudLog.BreakerChanged(_logger, e.Subject, "closed", e.Reason);
                break;
        }
    }

    public void Dispose()
    {
        Events.Raised -= OnHealthEvent;
        SlowStarts.Dispose();
        foreach (var upstream in _upstreams.Values)
        {
            upstream.Dispose();
        }
    }
}

/// <summary>An upstream's health at a glance.</summary>
public sealed record UpstreamStatus(string Name, string FailureDomain, string Circuit, Cooldown? Cooldown, int InFlight)
{
    /// <summary>Failback state: in-service, down, probing or held (flapping).</summary>
    public string Health { get; init; } = "in-service";

    /// <summary>When the tier is next probed; null in service or while a probe is out.</summary>
    public DateTimeOffset? HealthUntil { get; init; }

    /// <summary>Probe successes in a row toward returning to service.</summary>
    public int ConsecutiveProbeSuccesses { get; init; }

    /// <summary>In-service/down changes since start.</summary>
    public int Transitions { get; init; }
}
