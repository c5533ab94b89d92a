namespace EdgeRouter.Core.Local;

/// <summary>
/// What the board's condition (temperature, power) says about starting new local work. Core only defines the
/// question; the host adapts the edge-device monitor to it, so Core never depends on the telemetry code.
/// </summary>
public abstract record LocalAdvice
{
    private LocalAdvice() { }

    public static LocalAdvice Accept { get; } = new AcceptWork();

    /// <summary>Run it locally.</summary>
    public sealed record AcceptWork : LocalAdvice;

    /// <summary>
    /// Send it elsewhere if a route allows (the router's decision); run locally otherwise, with
    /// <paramref name="Threads"/> compute threads when set.
    /// </summary>
    public sealed record PreferUpstream(int? Threads, string Reason) : LocalAdvice;

    /// <summary>Do not start it locally: the caller gets 503 with <paramref name="RetryAfter"/>.</summary>
    public sealed record Shed(TimeSpan RetryAfter, string Reason) : LocalAdvice;
}

/// <summary>Asked once per local admission, before the gate: must be cheap and thread-safe.</summary>
public interface ILocalAdmissionPolicy
{
    LocalAdvice Advise();
}
