namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// The Pi 5 fan: the pwm-fan cooling device's state (0..<see cref="MaxState"/>, set by the fan trip points) and,
/// when the pwmfan hwmon device is there, its speed and duty cycle. Any part may be unknown.
/// </summary>
public sealed record FanReading(int? State, int? MaxState, int? Rpm, int? Pwm)
{
    /// <summary>Duty cycle 0..1 from <c>pwm1</c> (0..255), else from the cooling state.</summary>
    public double? DutyRatio => Pwm is { } pwm
        ? Math.Clamp(pwm / 255.0, 0, 1)
        : State is { } s && MaxState is > 0 and { } max ? Math.Clamp(s / (double)max, 0, 1) : null;
}
