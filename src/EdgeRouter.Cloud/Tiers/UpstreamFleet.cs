using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Cloud.Upstreams;
using EdgeRouter.Core.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Cloud.Tiers;

/// <summary>
/// The configured upstreams as tiers for the <see cref="Router"/>, and everything that keeps them from storming: the
/// cooldowns of their failure domains, their breakers, limiters, slow starts and failback. Operators act here.
/// </summary>
public sealed class UpstreamFleet : IDisposable
{
    private readonly ILogger _logger;
    private readonly Dictionary<string, UpstreamTier> _upstreams = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="config">A config that passed <see cref="CloudConfigValidator"/>.</param>
    /// <param name="httpClients">Named clients per <see cref="UpstreamHttp.ClientName"/> (see the DI extension).</param>
    public UpstreamFleet(CloudConfig config, IHttpClientFactory httpClients, ICredentialResolver credentials, TimeProvider time,
        ILogger<UpstreamFleet> logger, HealthEvents? events = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(credentials);
        _logger = logger;
        Events = events ?? new HealthEvents();
        Events.Raised += OnHealthEvent;
        Cooldowns = new CooldownStore(config.Cooldowns, time, Events);

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
        var tiers = new List<ITier>();
        foreach (var upstream in config.Upstreams)
        {
            var domain = domains[upstream.Name];
            var client = new UpstreamClient(upstream with { FailureDomain = domain },
                httpClients.CreateClient(UpstreamHttp.ClientName(upstream.Name)), keys[upstream.Name], time);
            var tier = new UpstreamTier(client, Cooldowns,
                new UpstreamBreaker(upstream.Name, config.Breaker, time, Events),
                new UpstreamLimiter(upstream.Limits, time, SlowStarts.For(domain)), config.Failback, Events, time, logger);
            _upstreams[upstream.Name] = tier;
            tiers.Add(tier);
        }
        Tiers = tiers;
    }

    /// <summary>The upstreams as the router's tiers, in config order.</summary>
    public IReadOnlyList<ITier> Tiers { get; }

    public HealthEvents Events { get; }

    public CooldownStore Cooldowns { get; }

    /// <summary>The slow start of each failure domain.</summary>
    public SlowStarts SlowStarts { get; }

    public UpstreamBreaker Breaker(string upstream) => _upstreams[upstream].Breaker;

    public UpstreamLimiter Limiter(string upstream) => _upstreams[upstream].Limiter;

    /// <summary>Whether <paramref name="upstream"/> takes real traffic, and if not, when it is next probed.</summary>
    public FailbackSnapshot Failback(string upstream) => _upstreams[upstream].Failback.Snapshot();

    /// <summary>Completes when every failback probe out now has ended (tests advance a manual clock, then wait here).</summary>
    internal Task ProbesSettledAsync() => Task.WhenAll(_upstreams.Values.Select(u => u.Failback.CurrentProbe));

    /// <summary>One row per upstream for /status and metrics.</summary>
    public IReadOnlyList<UpstreamStatus> UpstreamStatuses() => _upstreams.Values.Select(u =>
    {
        var failback = u.Failback.Snapshot();
        return new UpstreamStatus(u.Name, u.Domain, u.Breaker.State.ToString(), Cooldowns.Active(u.Domain), u.Limiter.InFlight)
        {
            Health = failback.Label,
            HealthUntil = failback.Until,
            ConsecutiveProbeSuccesses = failback.ConsecutiveSuccesses,
            Transitions = failback.Transitions,
        };
    }).ToList();

    /// <summary>
    /// Ends the cooldown of <paramref name="upstream"/>'s failure domain: every upstream sharing it returns to service at
    /// once, without failback probes (the operator knows best), unless its circuit is still open.
    /// </summary>
    public AdminResult ClearCooldown(string upstream)
    {
        if (!_upstreams.TryGetValue(upstream, out var tier))
        {
            return AdminResult.Refused($"'{upstream}' is not an upstream");
        }
        Cooldowns.Clear(tier.Domain);
        Events.Publish(new HealthEvent(HealthEventKind.CooldownCleared, tier.Domain, null, $"cleared by an operator via {tier.Name}"));
        return AdminResult.Ok($"cooldown of failure domain {tier.Domain} cleared");
    }

    /// <summary>
    /// Closes <paramref name="upstream"/>'s circuit, forgetting its recent outages; the tier returns to service at once,
    /// without failback probes, unless its failure domain is still cooling.
    /// </summary>
    public async Task<AdminResult> ResetBreakerAsync(string upstream)
    {
        if (!_upstreams.TryGetValue(upstream, out var tier))
        {
            return AdminResult.Refused($"'{upstream}' is not an upstream");
        }
        await tier.Breaker.ResetAsync().ConfigureAwait(false);
        Events.Publish(new HealthEvent(HealthEventKind.BreakerReset, tier.Name, null, "closed by an operator"));
        return AdminResult.Ok($"circuit of {tier.Name} closed");
    }

    /// <summary>Publishes a route pin change as the <see cref="HealthEventKind.RoutePinned"/> event operators follow.</summary>
    public void PublishPin(string route, string? tier) =>
        Events.Publish(new HealthEvent(HealthEventKind.RoutePinned, route, null, tier is null ? "unpinned" : $"pinned to {tier}"));

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
