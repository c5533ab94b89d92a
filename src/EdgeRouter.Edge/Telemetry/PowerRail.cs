namespace EdgeRouter.Edge.Telemetry;

/// <summary>One INA3221 channel: bus voltage (mV), current (mA) and their product in milliwatts.</summary>
public sealed record PowerRail(string Label, double? Millivolts, double? Milliamps)
{
    public double? Milliwatts => Millivolts is { } mv && Milliamps is { } ma ? mv * ma / 1000.0 : null;
}
