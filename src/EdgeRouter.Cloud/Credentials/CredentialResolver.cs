namespace EdgeRouter.Cloud.Credentials;

/// <summary>Either a key, or why there is none (the reason never contains key material).</summary>
public readonly record struct CredentialResult(Secret? Secret, string? Problem)
{
    public bool IsResolved => Problem is null;

    public static CredentialResult NoCredential { get; } = new(null, null);
}

public interface ICredentialResolver
{
    CredentialResult Resolve(CredentialReference reference);
}

/// <summary>
/// Reads keys from the environment, from files, or from systemd's <c>$CREDENTIALS_DIRECTORY</c>
/// (LoadCredential=/SetCredentialEncrypted=). Trailing whitespace and newlines are trimmed; an empty key is an error.
/// </summary>
public sealed class CredentialResolver : ICredentialResolver
{
    public const string CredentialsDirectoryVariable = "CREDENTIALS_DIRECTORY";

    private readonly Func<string, string?> _environment;
    private readonly Func<string, string?> _readFile;

    public CredentialResolver() : this(Environment.GetEnvironmentVariable, ReadFileOrNull) { }

    /// <param name="environment">Looks up an environment variable (tests pass a dictionary).</param>
    /// <param name="readFile">Reads a whole file, or returns null when it does not exist.</param>
    public CredentialResolver(Func<string, string?> environment, Func<string, string?> readFile)
    {
        _environment = environment;
        _readFile = readFile;
    }

    public CredentialResult Resolve(CredentialReference reference)
    {
        switch (reference.Source)
        {
            case CredentialSource.None:
                return CredentialResult.NoCredential;
            case CredentialSource.Environment:
                return FromValue(_environment(reference.Name), $"environment variable {reference.Name} is not set", $"environment variable {reference.Name} is empty");
            case CredentialSource.File:
                return FromFile(reference.Name);
            case CredentialSource.Systemd:
                var directory = _environment(CredentialsDirectoryVariable);
                if (string.IsNullOrEmpty(directory))
                {
                    return new CredentialResult(null,
                        $"{CredentialsDirectoryVariable} is not set (run under systemd with LoadCredential={reference.Name}:...)");
                }
                return FromFile(Path.Combine(directory, reference.Name));
            default:
                return new CredentialResult(null, "unknown credential source");
        }
    }

    private CredentialResult FromFile(string path)
    {
        string? text;
        try
        {
            text = _readFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The exception message names the path and the OS error, never the content.
            return new CredentialResult(null, $"cannot read {path}: {ex.GetType().Name}");
        }
        return FromValue(text, $"{path} does not exist", $"{path} is empty");
    }

    private static CredentialResult FromValue(string? value, string missing, string empty)
    {
        if (value is null)
        {
            return new CredentialResult(null, missing);
        }
        var trimmed = value.TrimEnd();
        return trimmed.Length == 0 ? new CredentialResult(null, empty) : new CredentialResult(new Secret(trimmed), null);
    }

    private static string? ReadFileOrNull(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
