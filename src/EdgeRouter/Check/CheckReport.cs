namespace EdgeRouter.Host.Check;

/// <summary>Every finding of one run, and the exit code `edgerouter check` derives from them.</summary>
public sealed record CheckReport(IReadOnlyList<CheckFinding> Findings)
{
    /// <summary>`edgerouter check`: nothing worse than info.</summary>
    public const int ExitOk = 0;

    /// <summary>`edgerouter check`: at least one error; the server would refuse to start.</summary>
    public const int ExitErrors = 1;

    /// <summary>`edgerouter check`: warnings only; the server starts and logs them.</summary>
    public const int ExitWarnings = 2;

    public IEnumerable<CheckFinding> Errors => Findings.Where(static f => f.Severity == CheckSeverity.Error);

    public IEnumerable<CheckFinding> Warnings => Findings.Where(static f => f.Severity == CheckSeverity.Warning);

    public bool HasErrors => Errors.Any();

    public int ExitCode => HasErrors ? ExitErrors : Warnings.Any() ? ExitWarnings : ExitOk;
}
