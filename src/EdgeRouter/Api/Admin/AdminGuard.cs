using EdgeRouter.Host.Security;

namespace EdgeRouter.Host.Api.Admin;

/// <summary>
/// Who may call /admin: only a loopback peer (on the board itself, or through an SSH tunnel) presenting
/// <c>Authorization: Bearer TOKEN</c> whose SHA-256 is <c>admin.tokenSha256</c>. Without a configured hash every call
/// is refused with the way to enable them.
/// </summary>
internal static class AdminGuard
{
    /// <summary>Null when the caller may proceed; otherwise the refusal to send.</summary>
    public static ApiError? Check(HttpContext context, AdminConfig config)
    {
        if (config.TokenSha256 is not { } expected)
        {
            return new ApiError(StatusCodes.Status404NotFound,
                "The admin endpoints are off. Set \"admin\": { \"tokenSha256\": \"...\" } in the config file to the SHA-256 (hex) of a long random token, then restart.",
                "admin_disabled", null, "admin_disabled");
        }
        if (!Caller.IsLoopback(context))
        {
            return new ApiError(StatusCodes.Status403Forbidden,
                "The admin endpoints answer only on loopback; call them on the board or through an SSH tunnel.",
                "forbidden", null, "admin_loopback_only");
        }
        if (Caller.BearerToken(context.Request) is not { } token || !KeyHash.Matches(token, expected))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return new ApiError(StatusCodes.Status401Unauthorized,
                "Missing or wrong admin token; send Authorization: Bearer <admin token>.", "unauthorized", null, "invalid_admin_token");
        }
        return null;
    }
}
