namespace EdgeRouter.Host.Config;

/// <summary>When the board counts as warm or hot, and what a hot board answers.</summary>
public sealed record ThermalConfig
{
    /// <summary>Warm (prefer upstreams) from this SoC temperature. <value>Null means derived from the SoC zone's trip points or the board.</value></summary>
    public double? WarmCelsius { get; init; }

    /// <summary>Hot (shed local work with 503) from this temperature. <value>Null means derived, like <see cref="WarmCelsius"/>.</value></summary>
    public double? HotCelsius { get; init; }

    /// <summary>How far below a threshold the temperature must fall to leave that state. <value>The default value is 5 °C.</value></summary>
    public double HysteresisCelsius { get; init; } = 5;

    /// <summary>Retry-After sent with the 503 while hot. <value>The default value is 30 s.</value></summary>
    public TimeSpan HotRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Thermal zone type to read as the SoC temperature. <value>Null means the board's usual zone.</value></summary>
    public string? ZoneType { get; init; }
}

/// <summary>Where and how often the board is sampled.</summary>
public sealed record TelemetryConfig
{
    /// <summary>Time between samples. <value>The default value is 2 s.</value></summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Directory that stands for "/" when reading /sys and /proc; tests point it at a fixture tree. <value>The default value is "/".</value></summary>
    public string Root { get; init; } = "/";
}

/// <summary>How much headroom a model load must leave.</summary>
public sealed record MemoryGuardConfig
{
    /// <summary>Memory kept free on top of weights and KV cache (compute buffers, the router, the OS). <value>The default value is 256 MiB.</value></summary>
    public int MarginMiB { get; init; } = 256;
}
