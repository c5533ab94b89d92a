using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Routing;
using EdgeRouter.Host.Api.OpenAi;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Observability.Events;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Api.Admin;

/// <summary>
/// Operator actions on the cloud router: pin a route to one tier (or unpin it), end a failure domain's cooldown, close
/// an upstream's circuit. Each is guarded by <see cref="AdminGuard"/>, audited in the log, and published by the
/// upstream fleet as an event (RoutePinned, CooldownCleared, BreakerReset) that reaches /status and the alert sink.
/// </summary>
internal static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder routes)
    {
        var services = routes.ServiceProvider;
        var config = services.GetRequiredService<RouterConfig>().Admin;
        var router = services.GetRequiredService<Router>();
        var upstreams = services.GetRequiredService<UpstreamFleet>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeRouter.Host.Admin");

        routes.MapPost("/admin/routes/{route}/pin", context => RunAsync(context, config, logger, "pin", "route",
            async () => await ReadTierAsync(context) is { } tier
                ? router.PinRoute(Value(context, "route"), tier)
                : AdminResult.Refused("expected a JSON body {\"tier\": \"NAME\"}")));
        routes.MapDelete("/admin/routes/{route}/pin", context => RunAsync(context, config, logger, "unpin", "route",
            () => ValueTask.FromResult(router.PinRoute(Value(context, "route"), null))));
        routes.MapPost("/admin/upstreams/{upstream}/clear-cooldown", context => RunAsync(context, config, logger,
            "clear-cooldown", "upstream", () => ValueTask.FromResult(upstreams.ClearCooldown(Value(context, "upstream")))));
        routes.MapPost("/admin/upstreams/{upstream}/reset-breaker", context => RunAsync(context, config, logger,
            "reset-breaker", "upstream", async () => await upstreams.ResetBreakerAsync(Value(context, "upstream")).ConfigureAwait(false)));
        routes.Map("/admin/{**rest}", context => Guarded(context, config) ?? OpenAiErrors.WriteAsync(context,
            ApiError.NotFound(context.Request.Method, context.Request.Path)));
    }

    private static async Task RunAsync(HttpContext context, AdminConfig config, ILogger logger,
        string action, string targetParameter, Func<ValueTask<AdminResult>> act)
    {
        var target = Value(context, targetParameter);
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (AdminGuard.Check(context, config) is { } refusal)
        {
            EventLog.AdminRequest(logger, action, target, remote, $"refused ({refusal.Status})");
            await OpenAiErrors.WriteAsync(context, refusal).ConfigureAwait(false);
            return;
        }
        var result = await act().ConfigureAwait(false);
        EventLog.AdminRequest(logger, action, target, remote, result.Message);
        if (!result.Succeeded)
        {
            await OpenAiErrors.WriteAsync(context, ApiError.InvalidRequest(result.Message, targetParameter, "admin_refused"))
                .ConfigureAwait(false);
            return;
        }
        await ApiResults.JsonAsync(context, StatusCodes.Status200OK, new AdminResponse { Action = action, Message = result.Message },
            AdminJsonContext.Default.AdminResponse).ConfigureAwait(false);
    }

    private static Task? Guarded(HttpContext context, AdminConfig config) =>
        AdminGuard.Check(context, config) is { } refusal ? OpenAiErrors.WriteAsync(context, refusal) : null;

    private static string Value(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    private static async Task<string?> ReadTierAsync(HttpContext context)
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, AdminJsonContext.Default.PinRequest,
                context.RequestAborted).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(body?.Tier) ? null : body.Tier.Trim();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed class PinRequest
{
    public string? Tier { get; init; }
}

internal sealed class AdminResponse
{
    public bool Ok { get; init; } = true;
    public required string Action { get; init; }
    public required string Message { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PinRequest))]
[JsonSerializable(typeof(AdminResponse))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
