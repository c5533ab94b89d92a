namespace EdgeRouter.Core.Gate;

/// <summary>A consistent-enough view of the gate for /status, metrics and tests.</summary>
public sealed record GateSnapshot(
    int Running,
    int Queued,
    long Admitted,
    long Rejected,
    long TimedOut,
    double MeasuredTokensPerSecond);
