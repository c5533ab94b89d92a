using System.Net;

namespace EdgeRouter.Host.Security;

/// <summary>What a request says about its caller: where it connects from and the bearer token it presents.</summary>
internal static class Caller
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>On the board itself (or through an SSH tunnel); a dual-stack socket reports 127.0.0.1 as ::ffff:127.0.0.1.</summary>
    public static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
        && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>The token of exactly one "Authorization: Bearer TOKEN" header (OpenAI and Ollama clients send this form), or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = value[BearerPrefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
