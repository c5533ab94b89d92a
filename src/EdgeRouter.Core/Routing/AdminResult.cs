namespace EdgeRouter.Core.Routing;

/// <summary>The result of an operator action: done, or why not (unknown route, tier not in the chain...).</summary>
public readonly record struct AdminResult(bool Succeeded, string Message)
{
    public static AdminResult Ok(string message) => new(true, message);

    public static AdminResult Refused(string message) => new(false, message);
}
