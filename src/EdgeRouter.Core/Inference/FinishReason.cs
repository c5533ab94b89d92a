namespace EdgeRouter.Core.Inference;

public enum FinishReason
{
    /// <summary>End-of-generation token or a stop string.</summary>
    Stop,
    /// <summary>max_tokens reached, or the context window is full.</summary>
    Length,
    /// <summary>The caller cancelled (client disconnect, deadline, shutdown).</summary>
    Cancelled,
}
