namespace EdgeRouter.Core.Inference;

public enum ReadinessState { Loading, Ready, Failed }

/// <summary>What /readyz reports: serving, or why not.</summary>
public sealed record ReadinessStatus(ReadinessState State, string Reason)
{
    public bool IsReady => State == ReadinessState.Ready;
}
