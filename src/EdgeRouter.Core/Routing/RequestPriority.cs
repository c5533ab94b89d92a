namespace EdgeRouter.Core.Routing;

/// <summary>How much a request matters to its client (e.g. from an X-EdgeRouter-Priority header).</summary>
public enum RequestPriority
{
    Interactive,

    /// <summary>Never spills to a paid upstream unless the route allows it.</summary>
    Background,
}
