using System.Globalization;
using EdgeRouter.Edge.Memory;
using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Edge.Thermal;

namespace EdgeRouter.Edge.Reporting;

/// <summary>Human-readable lines about the board, for the <c>check</c> command and the startup log.</summary>
public static class EdgeReport
{
    public static IReadOnlyList<string> Describe(TelemetrySnapshot snapshot, ThermalThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var lines = new List<string>
        {
            "board: " + snapshot.Board,
            "soc temperature: " + (snapshot.SocTemperature is { Celsius: { } c } z ? $"{c:0.0} °C ({z.Type}, zone {z.Index})" : "unknown"),
        };
        if (thresholds is not null)
        {
            lines.Add("thermal thresholds: " + thresholds);
        }
        var cpu = snapshot.CpuFrequency;
        lines.Add("cpu clock: " + (cpu.CurrentKHz is { } cur
            ? $"{cur / 1000} MHz" + (cpu.MaxKHz is { } max ? $" of {max / 1000} MHz (ratio {cpu.ThrottleRatio:0.00})" : string.Empty)
            : "unknown"));
        if (snapshot.Board.IsRaspberryPi || snapshot.UnderVoltage is not null)
        {
            lines.Add("under-voltage: " + snapshot.UnderVoltage switch { true => "YES (check the power supply)", false => "no", _ => "unknown" });
        }
        if (snapshot.Fan is { } fan)
        {
            lines.Add($"fan: state {Show(fan.State)}/{Show(fan.MaxState)}, {Show(fan.Rpm)} rpm");
        }
        if (snapshot.Gpu is { } gpu)
        {
            lines.Add($"gpu {gpu.Name}: load " + (gpu.LoadRatio is { } l ? $"{l * 100:0.#} %" : "unknown") +
                      (gpu.FrequencyHz is { } f ? $", {f / 1_000_000} MHz" : string.Empty));
        }
        if (snapshot.Power is { } power)
        {
            var rails = string.Join(", ", power.Rails.Select(static r => r.Label + " " + (r.Milliwatts is { } mw ? $"{mw / 1000:0.00} W" : "?")));
            lines.Add("power: " + (power.TotalMilliwatts is { } total ? $"{total / 1000:0.00} W" : "unknown") + $" ({rails})");
        }
        var mem = snapshot.Memory;
        lines.Add("memory: " + (mem.AvailableBytes is { } avail ? $"{ByteSize.Format(avail)} available" : "available unknown") +
                  (mem.TotalBytes is { } total2 ? $" of {ByteSize.Format(total2)}" : string.Empty) +
                  (mem.CgroupLimitBytes is { } limit ? $"; service limit {ByteSize.Format(limit)}" : string.Empty));
        lines.Add("load average: " + (snapshot.LoadAverage is { } la
            ? string.Create(CultureInfo.InvariantCulture, $"{la.One:0.00} {la.Five:0.00} {la.Fifteen:0.00}")
            : "unknown"));
        return lines;
    }

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
