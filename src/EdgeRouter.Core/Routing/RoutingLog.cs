using Microsoft.Extensions.Logging;

namespace EdgeRouter.Core.Routing;

/// <summary>The router's log lines. Event IDs 405-407 are kept from the cloud tier's range: log queries and alerts key on them.</summary>
internal static partial class RoutingLog
{
    [LoggerMessage(EventId = 405, Level = LogLevel.Information, Message = "Route {Route}: no tier served, {Status} ({Summary})")]
    public static partial void RouteFailed(ILogger logger, string route, int status, string summary);

    [LoggerMessage(EventId = 406, Level = LogLevel.Debug, Message = "Route {Route} served by {Tier} after {Attempts} attempt(s) ({Summary})")]
    public static partial void RouteServed(ILogger logger, string route, string tier, int attempts, string summary);

    [LoggerMessage(EventId = 407, Level = LogLevel.Warning, Message = "Route {Route}: retry budget exhausted, not failing over")]
    public static partial void RetryBudgetExhausted(ILogger logger, string route);
}
