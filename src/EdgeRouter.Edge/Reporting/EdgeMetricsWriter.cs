using System.Globalization;
using System.Text;
using EdgeRouter.Core.Observability;
using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Edge.Thermal;

namespace EdgeRouter.Edge.Reporting;

/// <summary>
/// Appends the board and thermal metric families in Prometheus text format (base units: celsius, hertz, bytes,
/// watts, ratios 0..1). Unknown readings are omitted rather than exported as NaN, so a dashboard shows a gap.
/// </summary>
public static class EdgeMetricsWriter
{
    public static void Write(StringBuilder output, TelemetrySnapshot? snapshot, ThermalMonitor? thermal)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (thermal is not null)
        {
            WriteThermal(output, thermal);
        }
        if (snapshot is not null)
        {
            WriteTelemetry(output, snapshot);
        }
    }

    private static void WriteThermal(StringBuilder o, ThermalMonitor thermal)
    {
        var m = thermal.Metrics();
        var t = thermal.Policy.Thresholds;
        PrometheusText.Family(o, "edgerouter_thermal_state", MetricType.Gauge, "1 for the current thermal state of the local tier.");
        foreach (var level in new[] { ThermalLevel.Normal, ThermalLevel.Warm, ThermalLevel.Hot })
        {
            PrometheusText.Sample(o, "edgerouter_thermal_state", ["state"], [Lower(level)], m.Level == level ? 1 : 0);
        }
        PrometheusText.Family(o, "edgerouter_thermal_transitions_total", MetricType.Counter, "Thermal state changes, by the state entered.");
        PrometheusText.Sample(o, "edgerouter_thermal_transitions_total", ["to"], ["normal"], m.TransitionsToNormal);
        PrometheusText.Sample(o, "edgerouter_thermal_transitions_total", ["to"], ["warm"], m.TransitionsToWarm);
        PrometheusText.Sample(o, "edgerouter_thermal_transitions_total", ["to"], ["hot"], m.TransitionsToHot);
        PrometheusText.Family(o, "edgerouter_thermal_threshold_celsius", MetricType.Gauge, "Temperatures at which the warm and hot states begin.");
        PrometheusText.Sample(o, "edgerouter_thermal_threshold_celsius", ["state"], ["warm"], t.WarmCelsius);
        PrometheusText.Sample(o, "edgerouter_thermal_threshold_celsius", ["state"], ["hot"], t.HotCelsius);
        PrometheusText.Family(o, "edgerouter_under_voltage_events_total", MetricType.Counter, "Times the Raspberry Pi firmware flagged under-voltage.");
        PrometheusText.Sample(o, "edgerouter_under_voltage_events_total", m.UnderVoltageEvents);
    }

    private static void WriteTelemetry(StringBuilder o, TelemetrySnapshot s)
    {
        if (s.SocTemperature is { Celsius: { } soc } zone)
        {
            PrometheusText.Family(o, "edgerouter_soc_temperature_celsius", MetricType.Gauge, "SoC temperature from the chosen thermal zone.");
            PrometheusText.Sample(o, "edgerouter_soc_temperature_celsius", ["zone"], [zone.Type], soc);
        }
        var zones = s.Zones.Where(static z => z.Celsius is not null).ToList();
        if (zones.Count > 0)
        {
            PrometheusText.Family(o, "edgerouter_thermal_zone_temperature_celsius", MetricType.Gauge, "Every readable thermal zone.");
            foreach (var z in zones)
            {
                PrometheusText.Sample(o, "edgerouter_thermal_zone_temperature_celsius",
                    ["zone", "index"], [z.Type, z.Index.ToString(CultureInfo.InvariantCulture)], z.Celsius!.Value);
            }
        }
        Gauge(o, "edgerouter_cpu_frequency_hertz", "Current CPU clock (fastest policy).", s.CpuFrequency.CurrentKHz * 1000.0);
        Gauge(o, "edgerouter_cpu_max_frequency_hertz", "Highest CPU clock the silicon supports.", s.CpuFrequency.MaxKHz * 1000.0);
        Gauge(o, "edgerouter_cpu_frequency_ratio", "Current over maximum CPU clock.", s.CpuFrequency.ThrottleRatio);
        Gauge(o, "edgerouter_under_voltage", "1 when the Pi firmware flagged under-voltage in the last 2 s.", s.UnderVoltage is { } uv ? (uv ? 1 : 0) : null);
        Gauge(o, "edgerouter_fan_state", "Pi 5 fan cooling state (0 = off).", s.Fan?.State);
        Gauge(o, "edgerouter_fan_rpm", "Pi 5 fan speed.", s.Fan?.Rpm);
        Gauge(o, "edgerouter_fan_duty_ratio", "Pi 5 fan duty cycle.", s.Fan?.DutyRatio);
        Gauge(o, "edgerouter_gpu_load_ratio", "Jetson iGPU busy fraction.", s.Gpu?.LoadRatio);
        Gauge(o, "edgerouter_gpu_frequency_hertz", "Jetson iGPU clock.", s.Gpu?.FrequencyHz);
        if (s.Power is { } power)
        {
            var rails = power.Rails.Where(static r => r.Milliwatts is not null).ToList();
            if (rails.Count > 0)
            {
                PrometheusText.Family(o, "edgerouter_power_rail_watts", MetricType.Gauge, "Power per INA3221 rail.");
                foreach (var rail in rails)
                {
                    PrometheusText.Sample(o, "edgerouter_power_rail_watts", ["rail"], [rail.Label], rail.Milliwatts!.Value / 1000.0);
                }
            }
            Gauge(o, "edgerouter_power_watts", "Board input power (VDD_IN, else the sum of rails).", power.TotalMilliwatts / 1000.0);
        }
        Gauge(o, "edgerouter_memory_total_bytes", "MemTotal.", s.Memory.TotalBytes);
        Gauge(o, "edgerouter_memory_available_bytes", "MemAvailable.", s.Memory.AvailableBytes);
        Gauge(o, "edgerouter_cgroup_memory_limit_bytes", "The service's cgroup memory.max.", s.Memory.CgroupLimitBytes);
        if (s.LoadAverage is { } load)
        {
            PrometheusText.Family(o, "edgerouter_load_average", MetricType.Gauge, "Kernel load average.");
            PrometheusText.Sample(o, "edgerouter_load_average", ["period"], ["1m"], load.One);
            PrometheusText.Sample(o, "edgerouter_load_average", ["period"], ["5m"], load.Five);
            PrometheusText.Sample(o, "edgerouter_load_average", ["period"], ["15m"], load.Fifteen);
        }
    }

    private static void Gauge(StringBuilder o, string name, string help, double? value)
    {
        if (value is { } v)
        {
            PrometheusText.Gauge(o, name, help, v);
        }
    }

    private static string Lower(ThermalLevel level) => level.ToString().ToLowerInvariant();
}
