namespace EdgeRouter.Host.Cli;

/// <summary>Process exit codes; systemd's Restart= logic and scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Something failed at run time: the port is taken, a model file is broken, I/O failed.</summary>
    public const int Failure = 1;
    /// <summary>The command line or the configuration is wrong; retrying will not help.</summary>
    public const int UsageOrConfig = 2;
    /// <summary>
    /// `check` only, whose 1 and 2 mean "errors" and "warnings only" (<see cref="Check.CheckReport"/>): its command line
    /// is wrong (EX_USAGE from sysexits.h), so a script never mistakes a typo for "warnings only".
    /// </summary>
    public const int CheckUsage = 64;
    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
