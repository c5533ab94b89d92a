using EdgeRouter.Cloud.State;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Cloud.Hosting;

public static class StateServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="StatePersister"/> that keeps <paramref name="path"/> in step with the <see cref="Router"/>
    /// (after <see cref="CloudServiceCollectionExtensions.AddEdgeRouterCloud"/>). The host calls its StartAsync before
    /// traffic and its PersistNow on a graceful stop.
    /// </summary>
    public static IServiceCollection AddEdgeRouterState(this IServiceCollection services, string path)
    {
        services.AddSingleton(sp => new StateFile(path, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StateFile>>()));
        services.AddSingleton(sp => new StatePersister(sp.GetRequiredService<Router>(), sp.GetRequiredService<UpstreamFleet>(), sp.GetRequiredService<StateFile>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<StatePersister>>()));
        return services;
    }
}
