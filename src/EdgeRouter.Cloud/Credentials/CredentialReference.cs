namespace EdgeRouter.Cloud.Credentials;

public enum CredentialSource { None, Environment, File, Systemd }

/// <summary>
/// Where a key lives, parsed from <c>env:NAME</c>, <c>file:/absolute/path</c>, <c>systemd:NAME</c> or <c>none</c>.
/// Safe to log: it names the place, not the key.
/// </summary>
public sealed record CredentialReference(CredentialSource Source, string Name)
{
    public static CredentialReference None { get; } = new(CredentialSource.None, "");

    public static bool TryParse(string? text, out CredentialReference reference, out string problem)
    {
        reference = None;
        var value = text?.Trim() ?? "";
        if (string.Equals(value, "none", StringComparison.OrdinalIgnoreCase))
        {
            problem = "";
            return true;
        }
        var colon = value.IndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            problem = "expected env:NAME, file:/absolute/path, systemd:NAME or none (never the key itself)";
            return false;
        }
        var scheme = value[..colon];
        var name = value[(colon + 1)..];
        switch (scheme.ToLowerInvariant())
        {
            case "env":
                if (!IsPlainName(name, allowDot: false))
                {
                    problem = $"'{name}' is not an environment variable name";
                    return false;
                }
                reference = new CredentialReference(CredentialSource.Environment, name);
                break;
            case "file":
                if (!Path.IsPathFullyQualified(name))
                {
                    problem = "file: needs an absolute path";
                    return false;
                }
                reference = new CredentialReference(CredentialSource.File, name);
                break;
            case "systemd":
                if (!IsPlainName(name, allowDot: true) || name is "." or "..")
                {
                    problem = $"'{name}' is not a systemd credential name (no slashes)";
                    return false;
                }
                reference = new CredentialReference(CredentialSource.Systemd, name);
                break;
            default:
                problem = $"unknown credential source '{scheme}'; expected env, file, systemd or none";
                return false;
        }
        problem = "";
        return true;
    }

    public override string ToString() => Source switch
    {
        CredentialSource.Environment => $"env:{Name}",
        CredentialSource.File => $"file:{Name}",
        CredentialSource.Systemd => $"systemd:{Name}",
        _ => "none",
    };

    private static bool IsPlainName(string name, bool allowDot)
    {
        foreach (var c in name)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' || (allowDot && c is '.' or '@');
            if (!ok)
            {
                return false;
            }
        }
        return name.Length > 0;
    }
}
