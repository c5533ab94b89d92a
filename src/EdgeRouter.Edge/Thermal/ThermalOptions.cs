namespace EdgeRouter.Edge.Thermal;

/// <summary>Thermal policy settings. Thresholds left null come from the SoC zone's trip points or the board default.</summary>
public sealed record ThermalOptions
{
    /// <summary>Enter Warm at or above this temperature. <value>The default value is null (derived).</value></summary>
    public double? WarmCelsius { get; init; }

    /// <summary>Enter Hot at or above this temperature. <value>The default value is null (derived).</value></summary>
    public double? HotCelsius { get; init; }

    /// <summary>
    /// A state is left only when the temperature falls this far below its entry threshold, so a reading that wobbles
    /// around a threshold does not flip the state every sample. <value>The default value is 5 °C.</value>
    /// </summary>
    public double HysteresisCelsius { get; init; } = 5;

    /// <summary>Compute threads for local work while Warm. <value>The default value is null (unchanged).</value></summary>
    public int? WarmThreads { get; init; }

    /// <summary>Retry-After advertised while Hot. <value>The default value is 30 s.</value></summary>
    public TimeSpan HotRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Consecutive samples without a readable temperature after which the state falls back to Normal (a dead sensor
    /// must not shed work forever). <value>The default value is 3.</value>
    /// </summary>
    public int UnknownSamplesBeforeNormal { get; init; } = 3;

    public void Validate()
    {
        if (HysteresisCelsius is < 0 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(HysteresisCelsius), HysteresisCelsius, "must be between 0 and 30 °C");
        }
        if (WarmCelsius is { } warm && HotCelsius is { } hot && warm >= hot)
        {
            throw new ArgumentException($"the warm threshold ({warm:0.#} °C) must be below the hot threshold ({hot:0.#} °C)", nameof(WarmCelsius));
        }
        if (WarmCelsius is < 20 or > 150 || HotCelsius is < 20 or > 150)
        {
            throw new ArgumentOutOfRangeException(nameof(HotCelsius), "thermal thresholds must be between 20 and 150 °C");
        }
        if (WarmThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(WarmThreads), WarmThreads, "must be >= 1");
        }
        if (HotRetryAfter < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(HotRetryAfter), HotRetryAfter, "must be >= 1 s");
        }
        if (UnknownSamplesBeforeNormal < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(UnknownSamplesBeforeNormal), UnknownSamplesBeforeNormal, "must be >= 1");
        }
    }
}
