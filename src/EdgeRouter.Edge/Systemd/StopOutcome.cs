namespace EdgeRouter.Edge.Systemd;

/// <summary>How the running work ended during a stop.</summary>
public enum StopOutcome
{
    /// <summary>Nothing was running.</summary>
    Idle,
    /// <summary>The running generation finished within the drain timeout.</summary>
    Drained,
    /// <summary>It was aborted at the drain timeout and stopped within the abort grace.</summary>
    Aborted,
    /// <summary>It was aborted but still had not stopped when the grace ran out.</summary>
    AbortTimedOut,
}
