namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>
/// Counts every request to an endpoint marked with <see cref="RequestSurface"/> exactly once, when it ends, however it
/// ends (served, refused, failed mid-stream, client gone, or a bug the error boundary turned into a 500). Runs outside
/// the error boundary so it sees the status that boundary wrote; it never changes the response.
/// </summary>
internal static class RequestMetricsMiddleware
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, RouterMetrics metrics, TimeProvider time)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequestSurface>() is not { } surface)
        {
            await next(context);
            return;
        }
        var record = new RequestRecord(surface, time);
        context.Features.Set(record);
        try
        {
            await next(context);
        }
        finally
        {
            metrics.Record(record, Outcome(context, record));
        }
    }

    private static string Outcome(HttpContext context, RequestRecord record) => context.Response.StatusCode switch
    {
        _ when context.RequestAborted.IsCancellationRequested => "client_gone",
        < 300 => record.StreamFailed ? "stream_error" : "ok",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout => "upstream_error",
        < 500 => "client_error",
        _ => "server_error",
    };
}
