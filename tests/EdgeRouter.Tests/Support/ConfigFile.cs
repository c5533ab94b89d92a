using EdgeRouter.Host.Config;

namespace EdgeRouter.Tests.Support;

/// <summary>A config file written for one test and loaded alone: no environment, no search paths.</summary>
internal static class ConfigFile
{
    public static RouterConfig Load(string directory, string json)
    {
        var path = Path.Join(directory, "config.json");
        File.WriteAllText(path, json);
        return ConfigLoader.Load(ConfigSources.Isolated(ConfigFlags.None with { ConfigPath = path }) with { WorkingDirectory = directory });
    }
}
