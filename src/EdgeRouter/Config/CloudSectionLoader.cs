using System.Text.Json;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;

namespace EdgeRouter.Host.Config;

/// <summary>
/// Reads and validates the file's "cloud" section with EdgeRouter.Cloud's own reader and validator. Every problem is
/// reported at once, each with its JSON path, and the router refuses to start: a chain naming an upstream whose key
/// cannot be resolved must fail at boot, not on the first request that spills.
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
        // The same resolver the router uses at start, so "valid here" means "resolvable there".
        var errors = CloudConfigValidator.Validate(read.Config!, new CredentialResolver(), PathPrefix);
        return errors.Count == 0 ? read.Config! : throw Invalid(file, errors);
    }

    private static ConfigException Invalid(string file, IReadOnlyList<ConfigError> errors) =>
        new(string.Join("\n", errors.Select(e => $"{file}: '{e.Path}' {e.Message}")));
}
