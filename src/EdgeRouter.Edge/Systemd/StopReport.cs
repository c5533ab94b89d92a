namespace EdgeRouter.Edge.Systemd;

/// <summary>What <see cref="GracefulStop.RunAsync"/> did.</summary>
/// <param name="PersistError">Null when state was persisted (or there was nothing to persist).</param>
public sealed record StopReport(StopOutcome Outcome, TimeSpan Elapsed, string? PersistError)
{
    public bool Persisted => PersistError is null;
}
