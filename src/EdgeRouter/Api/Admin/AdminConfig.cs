namespace EdgeRouter.Host.Api.Admin;

/// <summary>The "admin" config section.</summary>
public sealed record AdminConfig
{
    public static AdminConfig Off { get; } = new();

    /// <summary>
    /// Lowercase hex SHA-256 of the admin token (<see cref="Security.KeyHash.Of"/>); the token itself is never stored.
    /// <value>The default is null: the /admin endpoints are off.</value>
    /// </summary>
    public string? TokenSha256 { get; init; }

    public bool Enabled => TokenSha256 is not null;
}
