namespace EdgeRouter.Host.Api.Cors;

/// <summary>
/// One origin pattern from the config: an exact origin or a glob where '*' matches any run of characters. A glob, not a
/// regex, so a pattern cannot be written that matches more than its author can read.
/// </summary>
internal static class OriginPattern
{
    public const string Any = "*";

    /// <summary>Why a configured pattern is unusable, or null when it is fine.</summary>
    public static string? Problem(string pattern)
    {
        if (pattern == Any)
        {
            return null;
        }
        var separator = pattern.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return $"'{pattern}' is not an origin: expected scheme://host[:port], e.g. https://chat.example.com or https://*.example.com";
        }
        var authority = pattern[(separator + 3)..];
        if (authority.Contains('/', StringComparison.Ordinal) || authority.Contains('?', StringComparison.Ordinal) || authority.Contains('#', StringComparison.Ordinal))
        {
            return $"'{pattern}' has a path; an origin is only scheme://host[:port] (browsers send no path in the Origin header)";
        }
        return pattern.Any(char.IsWhiteSpace) ? $"'{pattern}' contains white space" : null;
    }

    /// <summary>Lower-cases and drops a trailing slash, the two ways people write the same origin differently.</summary>
    public static string Normalize(string pattern) => pattern.Trim().TrimEnd('/').ToLowerInvariant();

    /// <summary>Glob match, case-insensitive (origins are lower-case on the wire, but a hand-written header may not be).</summary>
    public static bool Matches(string pattern, string origin)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(pattern, origin, StringComparison.OrdinalIgnoreCase);
        }
        var parts = pattern.Split('*');
        var rest = origin.AsSpan();
        if (!rest.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        rest = rest[parts[0].Length..];
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var at = rest.IndexOf(parts[i], StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }
            rest = rest[(at + parts[i].Length)..];
        }
        return rest.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase);
    }
}
