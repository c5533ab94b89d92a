using System.Threading.RateLimiting;
using EdgeRouter.Host.Api;
using EdgeRouter.Host.Config;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace EdgeRouter.Host.Security;

/// <summary>
/// Who may call what, in front of every endpoint. Without keys configured the router only listens on loopback
/// (<see cref="ListenPolicy"/>) and everything is open. With keys:
/// <code>
///   /, /healthz, /readyz          open (probes and Ollama's liveness check)
///   /admin/...                    not decided here (admin token + loopback, checked by the admin endpoints)
///   /status, /metrics, /ui        open from loopback, a key from anywhere else
///   everything else (/v1, /api)   a valid key, within the key's own rate limit
/// </code>
/// Which routes a key may use is checked where the request's model is known (<see cref="RouteAccess"/>).
/// </summary>
internal static class AccessControl
{
    public static void UseAccessControl(this WebApplication app)
    {
        var config = app.Services.GetRequiredService<RouterConfig>();
        if (!config.Auth.RequiresKeys)
        {
            return;
        }
        var store = new ApiKeyStore(config.Auth, app.Services.GetRequiredService<TimeProvider>());
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeRouter.Host.Security");
        SecurityLog.KeysRequired(logger, store.Count);
        app.Use((context, next) => InvokeAsync(context, next, store, logger));
    }

    private static Task InvokeAsync(HttpContext context, RequestDelegate next, ApiKeyStore store, ILogger logger)
    {
        var path = context.Request.Path;
        var needsKey = ClassifyPath(path) switch
        {
            PathAccess.Open or PathAccess.Admin => false,
            PathAccess.LoopbackOpen => !Caller.IsLoopback(context),
            _ => true,
        };
        if (!needsKey)
        {
            return next(context);
        }

        if (Caller.BearerToken(context.Request) is not { } token)
        {
            return RejectAsync(context, AccessErrors.MissingKey(), logger, "no API key");
        }
        if (store.Find(token) is not var (identity, limit))
        {
            return RejectAsync(context, AccessErrors.InvalidKey(), logger, "invalid API key");
        }

        using (var lease = limit.AttemptAcquire())
        {
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                SecurityLog.RateLimited(logger, identity.Name, path, RetryAfterHeader.Seconds(retryAfter));
                return SurfaceErrors.WriteAsync(context, AccessErrors.RateLimited(retryAfter));
            }
        }
        context.Features.Set(identity);
        return next(context);
    }

    internal enum PathAccess
    {
        Open,
        LoopbackOpen,
        Admin,
        KeyRequired,
    }

    internal static PathAccess ClassifyPath(PathString path)
    {
        var value = path.Value ?? "/";
        if (value is "/" or "" || path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) || path.Equals("/readyz", StringComparison.OrdinalIgnoreCase))
        {
            return PathAccess.Open;
        }
        if (path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
        {
            return PathAccess.Admin;
        }
        return path.StartsWithSegments("/status", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/ui", StringComparison.OrdinalIgnoreCase)
            ? PathAccess.LoopbackOpen
            : PathAccess.KeyRequired;
    }

    private static Task RejectAsync(HttpContext context, ApiError error, ILogger logger, string reason)
    {
        SecurityLog.Rejected(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "?", reason);
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return SurfaceErrors.WriteAsync(context, error);
    }
}
