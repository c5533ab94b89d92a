using EdgeRouter.Host.Api.Cors;

namespace EdgeRouter.Host.Config;

/// <summary>
/// Checks extra browser origins from one layer. Layers add up instead of replacing each other (the file's list plus
/// EDGEROUTER_ORIGINS), as OLLAMA_ORIGINS adds to Ollama's defaults: a variable set for one app does not silently drop
/// the origins the file allows for another.
/// </summary>
internal static class CorsSectionLoader
{
    /// <param name="label">Names a key in this layer's terms; the file's entries are named with their index (cors.origins[2]).</param>
    public static CorsConfig Add(CorsConfig config, IReadOnlyList<string>? origins, Func<ConfigKeys.Key, string> label)
    {
        if (origins is null)
        {
            return config;
        }
        var added = new List<string>(config.Origins);
        for (var i = 0; i < origins.Count; i++)
        {
            var origin = origins[i];
            var key = ConfigKeys.Origins;
            var where = label(key) == key.EnvironmentVariable ? key.EnvironmentVariable : label(key with { JsonPath = $"{key.JsonPath}[{i}]" });
            if (origin is null || string.IsNullOrWhiteSpace(origin))
            {
                throw new ConfigException($"{where} must not be empty");
            }
            var normalized = OriginPattern.Normalize(origin);
            if (OriginPattern.Problem(normalized) is { } problem)
            {
                throw new ConfigException($"{where}: {problem}");
            }
            added.Add(normalized);
        }
        return config with { Origins = added };
    }
}
