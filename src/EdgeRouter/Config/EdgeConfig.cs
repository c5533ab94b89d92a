using System.Text.Json.Serialization;

namespace EdgeRouter.Host.Config;

/// <summary>When the board counts as warm or hot, and what a hot board answers ("thermal").</summary>
/// <param name="WarmCelsius">Warm (prefer upstreams) from this SoC temperature. <value>Null means derived from the SoC zone's trip points or the board.</value></param>
/// <param name="HotCelsius">Hot (shed local work with 503) from this temperature; above <paramref name="WarmCelsius"/>. <value>Null means derived, like the warm one.</value></param>
/// <param name="HysteresisCelsius">How far below a threshold the temperature must fall to leave that state. <value>The default value is 5 °C.</value></param>
/// <param name="HotRetryAfterSeconds">Retry-After sent with the 503 while hot. <value>The default value is 30 s.</value></param>
/// <param name="ZoneType">Thermal zone type to read as the SoC temperature. <value>Null means the board's usual zone.</value></param>
public sealed record ThermalConfig(
    [property: Within(ConfigLimits.MinCelsius, ConfigLimits.MaxCelsius, Unit = "°C")] double? WarmCelsius = null,
    [property: Within(ConfigLimits.MinCelsius, ConfigLimits.MaxCelsius, Unit = "°C")] double? HotCelsius = null,
    [property: Within(0, 30, Unit = "°C")] double HysteresisCelsius = 5,
    [property: Within(1, 3600, Unit = "s")] double HotRetryAfterSeconds = 30,
    string? ZoneType = null)
{
    [JsonIgnore]
    public TimeSpan HotRetryAfter => TimeSpan.FromSeconds(HotRetryAfterSeconds);
}

/// <summary>Where and how often the board is sampled ("telemetry").</summary>
/// <param name="IntervalSeconds">Time between samples. <value>The default value is 2 s.</value></param>
/// <param name="Root">Directory that stands for "/" when reading /sys and /proc; tests point it at a fixture tree. <value>The default value is "/".</value></param>
public sealed record TelemetryConfig(
    [property: Within(0.1, 3600, Unit = "s")] double IntervalSeconds = 2,
    string Root = "/")
{
    [JsonIgnore]
    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}

/// <summary>How much headroom a model load must leave ("memoryGuard").</summary>
/// <param name="MarginMiB">Memory kept free on top of weights and KV cache (compute buffers, the router, the OS). <value>The default value is 256 MiB.</value></param>
public sealed record MemoryGuardConfig([property: Within(0, 1 << 20)] int MarginMiB = 256);
