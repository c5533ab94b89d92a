namespace EdgeRouter.Core.Routing;

/// <summary>The names the router itself gives meaning to, in route chains, traces, headers and metric labels.</summary>
public static class RouteNames
{
    /// <summary>The model on the board, as a tier and as the built-in route of that tier alone.</summary>
    public const string Local = "local";

    /// <summary>The built-in route for clients that name no model of ours; the local route unless configured.</summary>
    public const string Auto = "auto";

    /// <summary>Another name of <see cref="Auto"/> unless configured.</summary>
    public const string Default = "default";
}
