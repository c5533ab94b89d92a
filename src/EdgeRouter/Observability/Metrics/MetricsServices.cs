using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Routing;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>Registers the registry and its families, counts generation requests, and maps GET /metrics.</summary>
internal static class MetricsServices
{
    public static void AddRouterMetrics(this IServiceCollection services)
    {
        services.AddSingleton<MetricsRegistry>();
        services.AddSingleton(sp => new MetricLabels(sp.GetRequiredService<RouterConfig>().Cloud, sp.GetRequiredService<Router>()));
        services.AddSingleton(sp => new RouterMetrics(sp.GetRequiredService<MetricsRegistry>(), sp.GetRequiredService<MetricLabels>(),
            sp.GetRequiredService<UpstreamFleet>().Events));
        services.AddSingleton(sp => new RouterStateMetrics(sp.GetRequiredService<UpstreamFleet>(), sp.GetRequiredService<LocalTierRuntime>().Gate,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<MetricsEndpoint>();
    }

    /// <summary>Goes before the API error boundary, so the status it sees is the one the client got.</summary>
    public static void UseRequestMetrics(this WebApplication app)
    {
        // Created now, not at the first scrape, so health events from the start on are counted.
        var metrics = app.Services.GetRequiredService<RouterMetrics>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        app.Use((context, next) => RequestMetricsMiddleware.InvokeAsync(context, next, metrics, time));
    }

    public static void MapMetrics(this IEndpointRouteBuilder routes)
    {
        var endpoint = routes.ServiceProvider.GetRequiredService<MetricsEndpoint>();
        routes.MapGet("/metrics", endpoint.HandleAsync);
    }
}
