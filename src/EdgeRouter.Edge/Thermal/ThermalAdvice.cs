namespace EdgeRouter.Thermal;

/// <summary>The thermal policy's answer for new local work.</summary>
/// <param name="Threads">Compute threads to use for new local work, or null for the configured count.</param>
/// <param name="RetryAfter">For <see cref="LocalAdmission.Shed"/>: the Retry-After to advertise with a 503.</param>
/// <param name="Reason">A sentence for logs and the 503 body.</param>
public sealed record ThermalAdvice(ThermalLevel Level, LocalAdmission Admission, int? Threads, TimeSpan RetryAfter, string Reason)
{
    public static ThermalAdvice Normal { get; } = new(ThermalLevel.Normal, LocalAdmission.Accept, null, TimeSpan.Zero, "normal temperature");
}
