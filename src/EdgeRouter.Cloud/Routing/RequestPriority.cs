namespace EdgeRouter.Cloud.Routing;

/// <summary>How much a request matters to its client. Background work never spills to a paid upstream unless the route allows it.</summary>
public enum RequestPriority
{
    Interactive,
    Background,
}

/// <summary>Per-request routing inputs the wire formats carry outside GenerationRequest (e.g. an X-EdgeRouter-Priority header).</summary>
public sealed record RouteOptions
{
    public RequestPriority Priority { get; init; } = RequestPriority.Interactive;

    public static RouteOptions Default { get; } = new();
}
