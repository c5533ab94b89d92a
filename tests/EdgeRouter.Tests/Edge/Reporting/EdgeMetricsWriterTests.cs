using System.Text;
using EdgeRouter.Edge.Reporting;
using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Tests.Host.Observability.Metrics;
using EdgeRouter.Tests.Support;
using EdgeRouter.Edge.Thermal;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRouter.Tests.Edge.Reporting;

public sealed class EdgeMetricsWriterTests
{
    private readonly FakeTimeProvider _time = TestClock.Fake();

    private (TelemetrySnapshot Snapshot, ThermalMonitor Monitor) Load(string tree)
    {
        var reader = new TelemetryReader(new TelemetryOptions { Root = FixtureTrees.PathOf(tree) }, _time);
        var policy = new ThermalPolicy(ThermalThresholds.Resolve(new ThermalOptions(), reader.Board.Kind, reader.Zones.PrimarySocZone), new ThermalOptions());
        var monitor = new ThermalMonitor(policy, _time);
        var snapshot = reader.Read();
        monitor.Observe(snapshot);
        return (snapshot, monitor);
    }

    [Fact]
    public void Write_Jetson_PrometheusFamilies()
    {
        var (snapshot, monitor) = Load(FixtureTrees.JetsonOrinNano);
        var text = new StringBuilder();

        EdgeMetricsWriter.Write(text, snapshot, monitor);
        var output = text.ToString();

        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        Assert.Contains("edgerouter_soc_temperature_celsius{zone=\"tj-thermal\"} 48.906\n", output, StringComparison.Ordinal);
        Assert.Contains("edgerouter_thermal_state{state=\"normal\"} 1\n", output, StringComparison.Ordinal);
        Assert.Contains("edgerouter_thermal_threshold_celsius{state=\"hot\"} 94\n", output, StringComparison.Ordinal);
        Assert.Contains("edgerouter_gpu_load_ratio 0.127\n", output, StringComparison.Ordinal);
        Assert.Contains("edgerouter_power_rail_watts{rail=\"VDD_IN\"} 4.554656\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cv0-thermal", output, StringComparison.Ordinal); // unreadable zones are omitted
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
        // Each family's TYPE appears once.
        var types = output.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).ToList();
        Assert.Equal(types.Count, types.Distinct().Count());
    }

    [Fact]
    public void Write_Unreadable_OnlyThermalStateFamilies()
    {
        var (snapshot, monitor) = Load(FixtureTrees.Unreadable);
        var text = new StringBuilder();

        EdgeMetricsWriter.Write(text, snapshot, monitor);

        Assert.DoesNotContain("edgerouter_soc_temperature_celsius", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("edgerouter_thermal_state{state=\"normal\"} 1", text.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FixtureTrees.JetsonOrinNano)]
    [InlineData(FixtureTrees.Pi5)]
    public void Write_ParsesAsPrometheusText_WithZoneLabelsIntact(string tree)
    {
        var (snapshot, monitor) = Load(tree);
        var text = new StringBuilder();

        EdgeMetricsWriter.Write(text, snapshot, monitor);
        var families = PrometheusTextParser.Parse(text.ToString());

        Assert.Equal("gauge", families["edgerouter_thermal_state"].Type);
        Assert.Equal("counter", families["edgerouter_thermal_transitions_total"].Type);
        Assert.Equal(snapshot.SocTemperature!.Type, families["edgerouter_soc_temperature_celsius"].Samples.Single().Label("zone"));
    }

    [Fact]
    public void Describe_Pi5_ForCheckCommand()
    {
        var (snapshot, monitor) = Load(FixtureTrees.Pi5);

        var lines = EdgeReport.Describe(snapshot, monitor.Policy.Thresholds);

        Assert.Equal("board: Raspberry Pi 5 Model B Rev 1.0", lines[0]);
        Assert.Equal("soc temperature: 61.4 °C (cpu-thermal, zone 0)", lines[1]);
        Assert.Contains("under-voltage: YES (check the power supply)", lines);
        Assert.Contains("fan: state 2/4, 3370 rpm", lines);
        Assert.Contains(lines, l => l.StartsWith("memory: 7.0 GiB available of 7.9 GiB; service limit 6.0 GiB", StringComparison.Ordinal));
    }
}
