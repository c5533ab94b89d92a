namespace EdgeRouter.Cloud.Failures;

/// <summary>Which of our own clocks ended an attempt.</summary>
public enum TimeoutKind
{
    /// <summary>No content token within the first-token deadline (or the request's remaining deadline).</summary>
    FirstToken,

    /// <summary>Silence between chunks after the first token.</summary>
    Idle,

    /// <summary>The whole attempt ran too long.</summary>
    Total,
}
