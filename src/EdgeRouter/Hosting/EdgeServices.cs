using EdgeRouter.Host.Config;
using EdgeRouter.Core.Local;
using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Edge.Thermal;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>Registers the board's telemetry and the thermal monitor built on it (singletons; the sampler starts with the host).</summary>
internal static class EdgeServices
{
    public static void Add(IServiceCollection services, RouterConfig config, TimeProvider time)
    {
        var telemetry = new TelemetryOptions
        {
            Root = config.Telemetry.Root,
            Interval = config.Telemetry.Interval,
            SocZoneType = config.Thermal.ZoneType,
        };
        services.AddSingleton(telemetry);
        // Discovery reads the tree once, on first use (at start), not per sample.
        services.AddSingleton(_ => new TelemetryReader(telemetry, time));
        services.AddSingleton(sp => new TelemetrySampler(sp.GetRequiredService<TelemetryReader>(), telemetry, time,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<TelemetrySampler>()));
        services.AddSingleton(sp =>
        {
            var reader = sp.GetRequiredService<TelemetryReader>();
            var options = new ThermalOptions
            {
                WarmCelsius = config.Thermal.WarmCelsius,
                HotCelsius = config.Thermal.HotCelsius,
                HysteresisCelsius = config.Thermal.HysteresisCelsius,
                HotRetryAfter = config.Thermal.HotRetryAfter,
            };
            var thresholds = ThermalThresholds.Resolve(options, reader.Board.Kind, reader.Zones.PrimarySocZone);
            return new ThermalMonitor(new ThermalPolicy(thresholds, options), time,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<ThermalMonitor>());
        });
        services.AddSingleton<ILocalAdmissionPolicy>(sp => sp.GetRequiredService<ThermalMonitor>());
    }
}
