using EdgeRouter.Host.Observability.Ui;

namespace EdgeRouter.Host.Observability.Status;

/// <summary>GET /status (JSON for `edgerouter status` and the page) and GET /ui (the page).</summary>
internal static class StatusEndpoints
{
    public static void MapStatus(this IEndpointRouteBuilder routes)
    {
        var reporter = routes.ServiceProvider.GetRequiredService<StatusReporter>();
        routes.MapGet("/status", context =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Api.ApiResults.JsonAsync(context, StatusCodes.Status200OK, reporter.Build(), StatusJsonContext.Default.StatusReport);
        });
        routes.MapGet("/ui", static context =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = StatusPage.ContentSecurityPolicy;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(StatusPage.Html, context.RequestAborted);
        });
    }
}
