namespace EdgeRouter.Edge.Telemetry;

/// <summary>The kernel's 1, 5 and 15 minute load averages (/proc/loadavg).</summary>
public sealed record LoadAverage(double One, double Five, double Fifteen);
