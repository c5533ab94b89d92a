using EdgeRouter.Core.Local;
using EdgeRouter.Edge.Thermal;

namespace EdgeRouter.Tests.Edge.Thermal;

public sealed class ThermalPolicyTests
{
    private static readonly ThermalPolicy Policy = new(new ThermalThresholds(70, 80, 5, "test"), new ThermalOptions { WarmThreads = 2 });

    [Theory]
    [InlineData(ThermalLevel.Normal, 69.9, ThermalLevel.Normal)]
    [InlineData(ThermalLevel.Normal, 70.0, ThermalLevel.Warm)]
    [InlineData(ThermalLevel.Normal, 80.0, ThermalLevel.Hot)]
    [InlineData(ThermalLevel.Warm, 79.9, ThermalLevel.Warm)]
    [InlineData(ThermalLevel.Warm, 80.0, ThermalLevel.Hot)]
    [InlineData(ThermalLevel.Warm, 65.0, ThermalLevel.Warm)]
    [InlineData(ThermalLevel.Warm, 64.9, ThermalLevel.Normal)]
    [InlineData(ThermalLevel.Hot, 75.0, ThermalLevel.Hot)]
    [InlineData(ThermalLevel.Hot, 74.9, ThermalLevel.Warm)]
    [InlineData(ThermalLevel.Hot, 65.0, ThermalLevel.Warm)]
    [InlineData(ThermalLevel.Hot, 64.9, ThermalLevel.Normal)]
    public void Evaluate_EntersAtThresholdLeavesBelowBand(ThermalLevel previous, double celsius, ThermalLevel expected) =>
        Assert.Equal(expected, Policy.Evaluate(previous, celsius));

    [Theory]
    [InlineData(ThermalLevel.Normal)]
    [InlineData(ThermalLevel.Warm)]
    [InlineData(ThermalLevel.Hot)]
    public void Evaluate_UnknownTemperature_KeepsPrevious(ThermalLevel previous)
    {
        Assert.Equal(previous, Policy.Evaluate(previous, (double?)null));
        Assert.Equal(previous, Policy.Evaluate(previous, double.NaN));
    }

    [Fact]
    public void Evaluate_WobbleAroundThreshold_DoesNotChatter()
    {
        var level = ThermalLevel.Normal;
        var changes = 0;
        foreach (var c in new[] { 69.0, 70.2, 69.4, 70.1, 68.0, 66.0, 70.5, 67.0, 65.5 })
        {
            var next = Policy.Evaluate(level, c);
            changes += next != level ? 1 : 0;
            level = next;
        }

        Assert.Equal(1, changes);
        Assert.Equal(ThermalLevel.Warm, level);
    }

    [Fact]
    public void Advise_PerLevel()
    {
        var normal = Policy.Advise(ThermalLevel.Normal, 50);
        var warm = Policy.Advise(ThermalLevel.Warm, 72);
        var hot = Policy.Advise(ThermalLevel.Hot, 81.3);

        Assert.Same(LocalAdvice.Accept, normal);
        Assert.Equal(2, Assert.IsType<LocalAdvice.PreferUpstream>(warm).Threads);
        var shed = Assert.IsType<LocalAdvice.Shed>(hot);
        Assert.Equal(TimeSpan.FromSeconds(30), shed.RetryAfter);
        Assert.Contains("81.3 °C", shed.Reason, StringComparison.Ordinal);
        Assert.Contains("below 75 °C", shed.Reason, StringComparison.Ordinal);
    }
}
