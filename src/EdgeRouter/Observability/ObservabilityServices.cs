using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Local;
using EdgeRouter.Core.Observability;
using EdgeRouter.Core.Routing;
using EdgeRouter.Edge.Thermal;
using EdgeRouter.Host.Api.Admin;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Host.Observability.Alerts;
using EdgeRouter.Host.Observability.Events;
using EdgeRouter.Host.Observability.Status;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Observability;

/// <summary>Registers events, the alert sink, /status, /ui and /admin, and connects the event sources once the host starts.</summary>
internal static class ObservabilityServices
{
    public static void AddObservability(this IServiceCollection services, RouterConfig config, TimeProvider time)
    {
        services.AddSingleton(sp => new RouterEvents(time, sp.GetRequiredService<ILogger<RouterEvents>>()));
        services.AddSingleton(sp => sp.GetRequiredService<RouterEvents>().Journal);
        services.AddSingleton(sp => new HostEventSources(sp.GetRequiredService<RouterEvents>(),
            sp.GetRequiredService<LocalTierRuntime>().Gate, sp.GetService<ThermalMonitor>()));
        if (config.Alerts.Url is { } url)
        {
            // Checked when the config was loaded; resolving again here catches a key file removed since.
            var target = url.Resolve(new CredentialResolver(), out var problem)
                ?? throw new ConfigException($"alerts.url: {url}: {problem}");
            services.AddSingleton(sp => new AlertSink(config.Alerts, target, sp.GetRequiredService<RouterEvents>(), time,
                sp.GetRequiredService<ILogger<AlertSink>>()));
            services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<AlertSink>());
        }
        services.AddSingleton(sp => new StatusReporter(config, time, sp.GetRequiredService<IInferenceService>(),
            sp.GetRequiredService<LocalTier>(), sp.GetRequiredService<LocalTierRuntime>().Gate, sp.GetService<ThermalMonitor>(),
            sp.GetRequiredService<Router>(), sp.GetRequiredService<UpstreamFleet>(), sp.GetService<AlertSink>(),
            sp.GetRequiredService<EventJournal>()));
        services.AddHostedService<EventWiring>();
    }

    public static void MapObservability(this WebApplication app)
    {
        app.MapStatus();
        app.MapAdmin();
    }

    /// <summary>After the listener is bound and the model load started: the real address for /status, and the load's outcome as an event.</summary>
    public static void Started(IServiceProvider services, Uri address, Task modelLoad)
    {
        services.GetRequiredService<StatusReporter>().ListenAddress = address.ToString().TrimEnd('/');
        services.GetRequiredService<HostEventSources>().WatchModelLoad(modelLoad, services.GetRequiredService<LocalTier>());
    }

    /// <summary>Subscribes every event source and the alert sink when the host starts (singletons are otherwise lazy).</summary>
    private sealed class EventWiring(IServiceProvider services) : IHostedService, IDisposable
    {
        private HealthEventBridge? _bridge;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<HostEventSources>();
            services.GetService<AlertSink>();
            _bridge = new HealthEventBridge(services.GetRequiredService<UpstreamFleet>(), services.GetRequiredService<RouterEvents>());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => _bridge?.Dispose();
    }
}
