using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Cloud.Health;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Cloud.Upstreams;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;
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
    private readonly IEmbeddingService? _embeddings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CloudRandom _random;
    private readonly IPromptTokenEstimator _estimator;
    private readonly Dictionary<string, UpstreamTier> _upstreams = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ITier> _tiers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChainOrder _chains;
    private readonly DateTimeOffset _startedAt;

    /// <param name="config">A config that passed <see cref="CloudConfigValidator"/>.</param>
    /// <param name="httpClients">Named clients per <see cref="UpstreamHttp.ClientName"/> (see the DI extension).</param>
    /// <param name="embeddings">The board's embeddings, the local tier of embedding routes; null when nothing on the board embeds.</param>
    public Router(CloudConfig config, ILocalTier local, IHttpClientFactory httpClients, ICredentialResolver credentials,
        TimeProvider time, ILogger<Router> logger, HealthEvents? events = null,
        CloudRandom? random = null, IPromptTokenEstimator? estimator = null, IEmbeddingService? embeddings = null)
    {
        _config = config;
        _local = local;
        _embeddings = embeddings;
        _time = time;
        _logger = logger;
        _random = random ?? CloudRandom.Shared;
        _estimator = estimator ?? PromptTokenEstimator.Instance;
        _startedAt = time.GetUtcNow();
        Events = events ?? new HealthEvents();
        Events.Raised += OnHealthEvent;
        Cooldowns = new CooldownStore(config.Cooldowns, time, Events);
        RetryBudget = new RetryBudget(config.RetryBudget, time);
        Routes = RouteTable.Build(config);
        _tiers[CloudDefaults.LocalTier] = new LocalChainTier(local, time);
        _chains = new ChainOrder(_tiers);

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
            var tier = new UpstreamTier(client, Cooldowns,
                new UpstreamBreaker(upstream.Name, config.Breaker, time, Events),
                new UpstreamLimiter(upstream.Limits, time, SlowStarts.For(domain)), config.Failback, Events, time, logger);
            _upstreams[upstream.Name] = tier;
            _tiers[upstream.Name] = tier;
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

    /// <summary>
    /// The local model and the routes. With the local tier alone, the built-in routes (local, auto) are only other names
    /// of the local model, so a board without upstreams lists its model once, as a bare local server does.
    /// </summary>
    public IReadOnlyList<ModelInfo> ListModels()
    {
        var models = new List<ModelInfo>(_local.ListModels());
        foreach (var route in ListedRoutes())
        {
            if (!models.Any(m => string.Equals(m.Name, route.Name, StringComparison.OrdinalIgnoreCase)))
            {
                models.Add(RouteModel(route));
            }
        }
        return models;
    }

    /// <summary>The built-in local names show the local model itself; every other route shows itself.</summary>
    public ModelInfo? ResolveModel(string requestedModel) => ResolveRoute(requestedModel) is { } route
        ? route.Tiers is [var only] && _tiers[only] is { OnBoard: true, Model: { } model } && !IsConfigured(route) ? model : RouteModel(route)
        : null;

    public string? ResolveRouteName(string requestedModel) => ResolveRoute(requestedModel)?.Name;

    public async ValueTask<Admission> StartAsync(string requestedModel, GenerationRequest request, CancellationToken cancellationToken) =>
        (await RouteAsync(requestedModel, request, cancellationToken).ConfigureAwait(false)).Admission;

    /// <summary>
    /// The one place a client's <c>model</c> is resolved: a route or its alias, an upstream's name, the local model's own
    /// name (the local route), each with or without an Ollama <c>:latest</c> tag.
    /// </summary>
    private CompiledRoute? ResolveRoute(string requestedModel)
    {
        if (Routes.Resolve(requestedModel) is { } route)
        {
            return route;
        }
        // While the model loads its name is not known yet: the local route answers "not ready", as the tier would alone.
        return _local.Model is not { } model || ModelName.Names(model.Name, requestedModel)
            ? Routes.Resolve(CloudDefaults.LocalTier)
            : null;
    }

    /// <summary>
    /// Routes shown to clients and operators: the configured ones, and the built-in local route once there is another
    /// tier to tell it from.
    /// </summary>
    public IEnumerable<CompiledRoute> ListedRoutes() => _tiers.Count > 1 ? Routes.Routes : Routes.Routes.Where(IsConfigured);

    private bool IsConfigured(CompiledRoute route) =>
        _config.Routes.Any(r => string.Equals(r.Name, route.Name, StringComparison.OrdinalIgnoreCase));

    private IReadOnlyList<string> KnownNames() =>
        [.. Routes.Names, .. _local.ListModels().Select(m => m.Name).Where(n => Routes.Resolve(n) is null)];

    private int LargestContext(CompiledRoute route) => route.Tiers.Select(t => _tiers[t].ContextWindow).DefaultIfEmpty(0).Max();

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
