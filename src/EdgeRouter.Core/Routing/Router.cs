using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Core.Routing;

/// <summary>
/// The <see cref="IInferenceService"/> over the local tier and the tiers built elsewhere (the upstreams). A request's
/// model names a route; the route's chain is walked with each tier tried at most once, inside a total deadline and a
/// retry budget, asking each tier whether it can take the request before anything is sent. See <see cref="RouteAsync"/>.
/// </summary>
public sealed partial class Router : IInferenceService
{
    private readonly RoutingOptions _options;
    private readonly ILocalTier _local;
    private readonly IEmbeddingService? _embeddings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Jitter _jitter;
    private readonly IPromptTokenEstimator _estimator;
    private readonly Dictionary<string, ITier> _tiers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChainOrder _chains;
    private readonly DateTimeOffset _startedAt;

    /// <param name="options">From a config that passed validation (route chains name only known tiers, no cycles).</param>
    /// <param name="remote">The tiers besides the board, in config order; their names are the chains' words.</param>
    /// <param name="embeddings">The board's embeddings, the local tier of embedding routes; null when nothing on the board embeds.</param>
    public Router(RoutingOptions options, ILocalTier local, IReadOnlyList<ITier> remote, TimeProvider time, ILogger<Router> logger,
        Jitter? jitter = null, IPromptTokenEstimator? estimator = null, IEmbeddingService? embeddings = null)
    {
        ArgumentNullException.ThrowIfNull(remote);
        _options = options;
        _local = local;
        _embeddings = embeddings;
        _time = time;
        _logger = logger;
        _jitter = jitter ?? Jitter.Shared;
        _estimator = estimator ?? PromptTokenEstimator.Instance;
        _startedAt = time.GetUtcNow();
        RetryBudget = new RetryBudget(options.RetryBudget, time);
        Routes = RouteTable.Build(options.Routes, remote.Select(t => t.Name).ToList());
        _tiers[RouteNames.Local] = new LocalChainTier(local, embeddings, time);
        foreach (var tier in remote)
        {
            _tiers[tier.Name] = tier;
        }
        _chains = new ChainOrder(_tiers);
    }

    public RetryBudget RetryBudget { get; }

    public RouteTable Routes { get; }

    public ReadinessStatus Readiness
    {
        get
        {
            var local = _local.Readiness;
            return local.State == ReadinessState.Failed && _tiers.Count > 1
                ? new ReadinessStatus(ReadinessState.Ready, $"{local.Reason}; serving upstream routes only")
                : local;
        }
    }

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
            ? Routes.Resolve(RouteNames.Local)
            : null;
    }

    /// <summary>
    /// Routes shown to clients and operators: the configured ones, and the built-in local route once there is another
    /// tier to tell it from.
    /// </summary>
    public IEnumerable<CompiledRoute> ListedRoutes() => _tiers.Count > 1 ? Routes.Routes : Routes.Routes.Where(IsConfigured);

    private bool IsConfigured(CompiledRoute route) =>
        _options.Routes.Any(r => string.Equals(r.Name, route.Name, StringComparison.OrdinalIgnoreCase));

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
}
