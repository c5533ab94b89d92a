namespace EdgeRouter.Edge.Telemetry;

/// <summary>Where and how often telemetry is read.</summary>
public sealed record TelemetryOptions
{
    /// <summary>Directory that stands for "/". <value>The default value is "/"; tests point it at a fixture tree.</value></summary>
    public string Root { get; init; } = "/";

    /// <summary>Time between samples. <value>The default value is 2 s (the Pi firmware's own poll period).</value></summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Thermal zone <c>type</c> to use as the SoC temperature before the board's built-in preference.
    /// <value>The default value is null: Pi cpu-thermal, Jetson tj-thermal, else cpu-thermal/x86_pkg_temp, else zone 0.</value>
    /// </summary>
    public string? SocZoneType { get; init; }

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Root, nameof(Root));
        if (Interval < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "must be >= 100 ms");
        }
    }
}
