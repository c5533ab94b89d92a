using System.Text.Json;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;

namespace EdgeRouter.Host.Config;

/// <summary>
/// Reads and validates the file's "cloud" section with EdgeRouter.Cloud's own reader and validator. Every problem is
/// reported at once, each with its JSON path, and the router refuses to start.
/// </summary>
internal static class CloudSectionLoader
{
    public const string Section = "cloud";

    private const string PathPrefix = Section + ".";

    /// <exception cref="ConfigException">The section is malformed or fails validation.</exception>
    public static CloudConfig Load(JsonElement? section, string file)
    {
        if (section is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return CloudConfig.Empty;
        }
        var read = CloudConfigReader.Read(element, PathPrefix);
        if (!read.Succeeded)
        {
            throw Invalid(file, read.Errors);
        }
        // Only the references' syntax here: whether each key resolves is a start check that names the route and the
        // upstream (EdgeRouter.Host.Check.CredentialCheck), shared with `edgerouter check`.
        var errors = CloudConfigValidator.Validate(read.Config!, ReferencesOnly.Instance, PathPrefix);
        return errors.Count == 0 ? read.Config! : throw Invalid(file, errors);
    }

    private sealed class ReferencesOnly : ICredentialResolver
    {
        public static ReferencesOnly Instance { get; } = new();

        public CredentialResult Resolve(CredentialReference reference) => CredentialResult.NoCredential;
    }

    private static ConfigException Invalid(string file, IReadOnlyList<ConfigError> errors) =>
        new(string.Join("\n", errors.Select(e => $"{file}: '{e.Path}' {e.Message}")));
}
