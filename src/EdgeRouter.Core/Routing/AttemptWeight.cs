namespace EdgeRouter.Core.Routing;

/// <summary>How a skipped or failed tier weighs in the final answer when no tier served.</summary>
public enum AttemptWeight
{
    /// <summary>Will clear by itself (cooldown, open breaker, rate limit, busy slot): counts toward "everything is cooling".</summary>
    Temporary,

    /// <summary>A routing decision (too small for the prompt, background policy, deadline): neutral.</summary>
    Policy,

    /// <summary>A real failure (outage, credential, request error): decides the status when nothing is merely cooling.</summary>
    Hard,
}
