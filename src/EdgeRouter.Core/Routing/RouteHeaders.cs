using System.Globalization;

namespace EdgeRouter.Core.Routing;

/// <summary>
/// The per-response visibility headers. The API surfaces call <see cref="Apply"/> before writing the status line,
/// for successes and failures alike.
/// </summary>
public static class RouteHeaders
{
    /// <summary>"local" or the upstream's name.</summary>
    public const string Tier = "X-EdgeRouter-Tier";

    /// <summary>How many tiers were actually sent the request (served + failed).</summary>
    public const string Attempts = "X-EdgeRouter-Attempts";

    /// <summary>Each tier that did not serve and why, e.g. <c>local=busy, cloud-a=http-429</c>.</summary>
    public const string Fallback = "X-EdgeRouter-Fallback";

    /// <summary><c>truncated; dropped=3</c> or <c>rejected</c> when the context policy acted.</summary>
    public const string Context = "X-EdgeRouter-Context";

    public const string Route = "X-EdgeRouter-Route";

    public static void Apply(RouteTrace trace, Action<string, string> setHeader)
    {
        setHeader(Route, trace.Route);
        if (trace.Tier is { } tier)
        {
            setHeader(Tier, tier);
        }
        setHeader(Attempts, trace.SentAttempts.ToString(CultureInfo.InvariantCulture));
        if (trace.FallbackSummary is { Length: > 0 } fallback)
        {
            setHeader(Fallback, fallback);
        }
        switch (trace.Context)
        {
            case ContextAction.Truncated:
                setHeader(Context, $"truncated; dropped={trace.DroppedMessages.ToString(CultureInfo.InvariantCulture)}");
                break;
            case ContextAction.Rejected:
                setHeader(Context, "rejected");
                break;
        }
    }
}
