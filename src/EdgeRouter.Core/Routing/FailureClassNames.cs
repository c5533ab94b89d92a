namespace EdgeRouter.Core.Routing;

public static class FailureClassNames
{
    /// <summary>The class as a stable lower-case word, for route traces and metric labels.</summary>
    public static string Name(this FailureClass failureClass) => failureClass switch
    {
        FailureClass.Throttle => "throttle",
        FailureClass.Outage => "outage",
        FailureClass.Credential => "credential",
        FailureClass.Request => "request",
        FailureClass.ContextOverflow => "context_overflow",
        FailureClass.ContentPolicy => "content_policy",
        _ => "client_cancelled",
    };
}
