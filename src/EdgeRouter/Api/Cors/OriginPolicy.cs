namespace EdgeRouter.Host.Api.Cors;

/// <summary>
/// Which browser origins may call the API. Like Ollama: pages served from this machine (http or https on
/// localhost, 127.0.0.1, 0.0.0.0 or [::1], any port), desktop-app schemes (app://, file://, tauri://, VS Code
/// webviews) and browser extensions are allowed by default; anything else only when configured. A web page on
/// some other site therefore cannot drive the board's model from a visitor's browser.
/// </summary>
internal sealed class OriginPolicy
{
    private static readonly string[] LocalHosts = ["localhost", "127.0.0.1", "0.0.0.0", "[::1]"];

    private static readonly string[] AppSchemes =
    [
        "app", "file", "tauri", "vscode-webview", "vscode-file",
        "chrome-extension", "moz-extension", "safari-web-extension", "safari-extension", "ms-browser-extension",
    ];

    private readonly string[] _patterns;

    public OriginPolicy(CorsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _patterns = [.. config.Origins.Select(OriginPattern.Normalize).Distinct(StringComparer.Ordinal)];
        AllowsAnyOrigin = _patterns.Contains(OriginPattern.Any);
    }

    /// <summary>"*" was configured: the answer is "Access-Control-Allow-Origin: *" (and never with credentials).</summary>
    public bool AllowsAnyOrigin { get; }

    public bool IsAllowed(string origin) =>
        AllowsAnyOrigin || IsDefault(origin) || _patterns.Any(pattern => OriginPattern.Matches(pattern, origin));

    /// <summary>The built-in list: local pages, desktop apps and browser extensions.</summary>
    public static bool IsDefault(string origin)
    {
        var separator = origin.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            // "null" (sandboxed frames, file pages in some browsers, redirects) is any site's to send: never by default.
            return false;
        }
        var scheme = origin[..separator];
        if (AppSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return LocalHosts.Contains(HostOf(origin.AsSpan(separator + 3)), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>"host", "host:port", "[::1]:port" → the host part; empty when anything follows a port that is not digits.</summary>
    private static string HostOf(ReadOnlySpan<char> authority)
    {
        var hostEnd = authority.StartsWith("[") ? authority.IndexOf(']') + 1 : authority.IndexOf(':');
        if (hostEnd <= 0)
        {
            hostEnd = authority.Length;
        }
        var port = authority[hostEnd..];
        if (port.Length > 0 && (port[0] != ':' || port.Length == 1 || port[1..].ContainsAnyExcept("0123456789")))
        {
            return string.Empty;
        }
        return authority[..hostEnd].ToString();
    }
}
