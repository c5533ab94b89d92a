using EdgeRouter.Host.Api.Cors;
using Microsoft.Extensions.Configuration;

namespace EdgeRouter.Host.Config;

/// <summary>
/// Checks the extra browser origins. The file's list and EDGEROUTER_ORIGINS add up instead of replacing each other
/// (see <see cref="EnvironmentLayer"/>), as OLLAMA_ORIGINS adds to Ollama's defaults: a variable set for one app does
/// not silently drop the origins the file allows for another.
/// </summary>
internal static class CorsSectionLoader
{
    public const string OriginsKey = "cors:origins";

    /// <exception cref="ConfigException">An empty origin or one that is not a scheme://host[:port] pattern; the message names its entry.</exception>
    public static CorsConfig Load(ConfigLayers layers)
    {
        var origins = new List<string>();
        foreach (var entry in layers.Resolved.GetSection(OriginsKey).GetChildren())
        {
            var where = layers.Label(entry.Path);
            if (string.IsNullOrWhiteSpace(entry.Value))
            {
                throw new ConfigException($"{where} must not be empty");
            }
            var normalized = OriginPattern.Normalize(entry.Value);
            if (OriginPattern.Problem(normalized) is { } problem)
            {
                throw new ConfigException($"{where}: {problem}");
            }
            origins.Add(normalized);
        }
        return CorsConfig.Default with { Origins = [.. CorsConfig.Default.Origins, .. origins] };
    }
}
