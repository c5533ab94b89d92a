namespace EdgeRouter.Systemd;

/// <summary>
/// Secrets passed with LoadCredential=: systemd copies them into a private, read-only directory
/// (<c>$CREDENTIALS_DIRECTORY</c>) only this service can read. The unit loads every file of
/// /etc/edgerouter/credentials as "upstream_&lt;file name&gt;", e.g. /etc/edgerouter/credentials/openai becomes
/// the credential "upstream_openai".
/// </summary>
public static class SystemdCredentials
{
    /// <summary>The prefix the unit file's <c>LoadCredential=upstream:/etc/edgerouter/credentials</c> gives each file.</summary>
    public const string UpstreamPrefix = "upstream_";

    /// <summary>The credential's text with trailing newlines trimmed, or null when absent or unreadable.</summary>
    public static string? TryRead(SystemdEnvironment environment, string name)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (environment.CredentialsDirectory is not { } dir || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            return null;
        }
        try
        {
            return File.ReadAllText(Path.Join(dir, name)).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>An upstream key placed at /etc/edgerouter/credentials/<paramref name="upstream"/>.</summary>
    public static string? TryReadUpstreamKey(SystemdEnvironment environment, string upstream) =>
        TryRead(environment, UpstreamPrefix + upstream);
}
