namespace EdgeRouter.Edge.Thermal;

/// <summary>Counters and gauges of the thermal monitor, for /metrics.</summary>
public sealed record ThermalMetrics(
    ThermalLevel Level,
    double? Celsius,
    long TransitionsToNormal,
    long TransitionsToWarm,
    long TransitionsToHot,
    long UnderVoltageEvents,
    long UnknownTemperatureSamples);
