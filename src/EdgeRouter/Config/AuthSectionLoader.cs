using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Host.Json;
using EdgeRouter.Host.Security;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Host.Config;

/// <summary>
/// Reads the file's "auth" section. Every key needs a unique name and a unique SHA-256 (from `edgerouter key new`);
/// allowed routes must name routes that exist, so a typo cannot silently lock an app out (or in).
/// </summary>
internal static class AuthSectionLoader
{
    public const string Section = "auth";
    public const int MaxRequestsPerMinute = 100_000;
    public const int MaxBurst = 10_000;

    /// <exception cref="ConfigException">The section is malformed or a key is invalid.</exception>
    public static AuthConfig Load(JsonElement? section, CloudConfig cloud, string file)
    {
        if (section is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return AuthConfig.None;
        }

        AuthFileSection? read;
        try
        {
            read = element.Deserialize(AuthJsonContext.Default.AuthFileSection);
        }
        catch (JsonException ex)
        {
            var error = JsonErrorDescription.From(ex);
            var path = error.Parameter is { } p ? $"{Section}.{p}" : Section;
            throw new ConfigException(error.Kind == JsonErrorKind.UnknownProperty
                ? $"{file}: unknown key '{path}' (allowed: auth.apiKeys[].name, sha256, requestsPerMinute, burst, priority, routes)"
                : $"{file}: '{path}' is invalid: {error.Detail}", ex);
        }

        var knownRoutes = KnownRoutes(cloud);
        var keys = new List<ApiKeyConfig>();
        var entries = read?.ApiKeys ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            keys.Add(ToKey(entries[i], $"{file}: '{Section}.apiKeys[{i}]", knownRoutes, keys));
        }
        return new AuthConfig { ApiKeys = keys };
    }

    /// <summary>Letters, digits, '.', '_' and '-', at most 64: the name lands in logs and metric labels.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= CloudDefaults.MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static ApiKeyConfig ToKey(ApiKeyFileSection? entry, string at, HashSet<string> knownRoutes, List<ApiKeyConfig> earlier)
    {
        if (entry is null)
        {
            throw new ConfigException($"{at}' must be an object");
        }
        var name = entry.Name?.Trim() ?? throw new ConfigException($"{at}.name' is required");
        if (!IsValidName(name))
        {
            throw new ConfigException($"{at}.name' is '{name}'; use 1 to {CloudDefaults.MaxNameLength} letters, digits, '.', '_' or '-'");
        }
        if (earlier.Any(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ConfigException($"{at}.name' '{name}' is used by another key");
        }

        var hash = entry.Sha256?.Trim().ToLowerInvariant() ?? throw new ConfigException($"{at}.sha256' is required (run 'edgerouter key new')");
        if (!KeyHash.IsValidHex(hash))
        {
            throw new ConfigException($"{at}.sha256' must be {KeyHash.HexLength} hex digits, the SHA-256 of the key (run 'edgerouter key new'); never put the key itself here");
        }
        if (earlier.Any(k => k.Sha256 == hash))
        {
            throw new ConfigException($"{at}.sha256' is the same key as another entry's");
        }

        var perMinute = entry.RequestsPerMinute ?? ApiKeyConfig.DefaultRequestsPerMinute;
        if (perMinute is < 1 or > MaxRequestsPerMinute)
        {
            throw new ConfigException($"{at}.requestsPerMinute' is {perMinute}; it must be from 1 to {MaxRequestsPerMinute}");
        }
        if (entry.Burst is { } burst && burst is < 1 or > MaxBurst)
        {
            throw new ConfigException($"{at}.burst' is {burst}; it must be from 1 to {MaxBurst}");
        }

        var priority = entry.Priority?.Trim().ToLowerInvariant() switch
        {
            null or "interactive" => RequestPriority.Interactive,
            "background" => RequestPriority.Background,
            var other => throw new ConfigException($"{at}.priority' is '{other}'; expected 'interactive' or 'background'"),
        };

        List<string>? routes = null;
        if (entry.Routes is { } listed)
        {
            if (listed.Count == 0)
            {
                throw new ConfigException($"{at}.routes' is empty; leave it out to allow every route");
            }
            routes = [];
            foreach (var route in listed)
            {
                var trimmed = route?.Trim() ?? string.Empty;
                if (!knownRoutes.Contains(trimmed))
                {
                    throw new ConfigException($"{at}.routes' names '{trimmed}', which is not a route; known: {string.Join(", ", knownRoutes.Order(StringComparer.OrdinalIgnoreCase))}");
                }
                routes.Add(trimmed);
            }
        }

        return new ApiKeyConfig
        {
            Name = name,
            Sha256 = hash,
            RequestsPerMinute = perMinute,
            Burst = entry.Burst,
            Priority = priority,
            Routes = routes,
        };
    }

    /// <summary>What a request's "model" may name, besides the local model's own name (which counts as "local").</summary>
    private static HashSet<string> KnownRoutes(CloudConfig cloud)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { RouteNames.Local, RouteNames.Auto, "default" };
        foreach (var route in cloud.Routes)
        {
            names.Add(route.Name);
            names.UnionWith(route.Aliases);
        }
        names.UnionWith(cloud.Upstreams.Select(u => u.Name));
        return names;
    }
}

internal sealed class AuthFileSection
{
    public List<ApiKeyFileSection?>? ApiKeys { get; init; }
}

internal sealed class ApiKeyFileSection
{
    public string? Name { get; init; }
    public string? Sha256 { get; init; }
    public int? RequestsPerMinute { get; init; }
    public int? Burst { get; init; }
    public string? Priority { get; init; }
    public List<string?>? Routes { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(AuthFileSection))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
