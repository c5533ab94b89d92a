using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Cloud.Upstreams;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Local;
using EdgeRouter.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Cloud.Hosting;

public static class CloudServiceCollectionExtensions
{
    /// <summary>
    /// Registers the router over the local tier and <paramref name="config"/>'s upstreams (an <see cref="UpstreamFleet"/>), and makes it the
    /// <see cref="IInferenceService"/>. Expects either an <see cref="ILocalTier"/> registration or a
    /// <see cref="LocalTier"/> registration (the default ILocalTier), and a config that passed
    /// <see cref="CloudConfigValidator"/>. Registrations of TimeProvider, ICredentialResolver,
    /// IPromptTokenEstimator, Jitter and HealthEvents made before this call win over the defaults.
    /// One named HttpClient per upstream: tuned SocketsHttpHandler, no HttpClient timeout, no logging handlers
    /// (they would log URLs at Information and could be configured to log headers), no retry handlers.
    /// </summary>
    public static IServiceCollection AddEdgeRouterCloud(this IServiceCollection services, CloudConfig config)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICredentialResolver, CredentialResolver>();
        services.TryAddSingleton<IPromptTokenEstimator>(PromptTokenEstimator.Instance);
        services.TryAddSingleton(Jitter.Shared);
        services.TryAddSingleton<HealthEvents>();
        services.TryAddSingleton<ILocalTier>(sp => sp.GetRequiredService<LocalTier>());
        services.AddSingleton(config);

        foreach (var upstream in config.Upstreams)
        {
            services.AddHttpClient(UpstreamHttp.ClientName(upstream.Name))
                .ConfigurePrimaryHttpMessageHandler(() => UpstreamHttp.CreateHandler(upstream))
                .ConfigureHttpClient(UpstreamHttp.ConfigureClient)
                // The handler recycles its own connections (PooledConnectionLifetime); no factory rotation needed.
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .RemoveAllLoggers();
        }
        services.AddHttpClient();

        services.AddSingleton(sp => new UpstreamFleet(
            sp.GetRequiredService<CloudConfig>(),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<ICredentialResolver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<UpstreamFleet>>(),
            sp.GetRequiredService<HealthEvents>()));
        services.AddSingleton(sp =>
        {
            var upstreams = sp.GetRequiredService<UpstreamFleet>();
            var router = new Router(
                sp.GetRequiredService<CloudConfig>().Routing,
                sp.GetRequiredService<ILocalTier>(),
                upstreams.Tiers,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Router>>(),
                sp.GetRequiredService<Jitter>(),
                sp.GetRequiredService<IPromptTokenEstimator>(),
                sp.GetService<LocalEmbeddings>());
            router.PinChanged += upstreams.PublishPin;
            return router;
        });
        services.AddSingleton<IInferenceService>(sp => sp.GetRequiredService<Router>());
        services.AddSingleton<IEmbeddingService>(sp => sp.GetRequiredService<Router>());
        return services;
    }
}
