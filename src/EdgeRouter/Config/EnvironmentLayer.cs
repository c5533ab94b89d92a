using Microsoft.Extensions.Configuration;

namespace EdgeRouter.Host.Config;

/// <summary>
/// EDGEROUTER_* variables as a configuration layer: each setting's EDGEROUTER_SECTION__KEY, and the older short names
/// (<see cref="ConfigAliases"/>). Variables are looked up by name, never listed, so tests hand in a dictionary and a
/// stray EDGEROUTER_* variable of some other tool is never read. An empty variable counts as unset (systemd's
/// Environment=X= idiom).
/// </summary>
internal sealed class EnvironmentLayer(Func<string, string?> environment) : ConfigurationProvider, IConfigurationSource
{
    /// <summary>
    /// EDGEROUTER_ORIGINS adds to the file's origins (as OLLAMA_ORIGINS adds to Ollama's defaults). Layered arrays
    /// replace each other index by index, so the variable's entries start at an index no file list reaches.
    /// </summary>
    private const int AppendedListIndex = 1_000_000;

    private readonly Dictionary<string, string> _variables = new(StringComparer.OrdinalIgnoreCase);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>The variable that set <paramref name="key"/> (or the list it belongs to), or null.</summary>
    public string? VariableOf(string key) =>
        _variables.TryGetValue(key, out var variable) ? variable
        : key.LastIndexOf(':') is > 0 and var last && _variables.TryGetValue(key[..last], out variable) ? variable
        : null;

    public override void Load()
    {
        foreach (var alias in ConfigAliases.All)
        {
            Read(alias.Key, alias.EnvironmentVariable);
        }
        foreach (var setting in ConfigSchema.Settings.All)
        {
            Read(setting.Key, setting.EnvironmentVariable);
        }
    }

    private void Read(string key, string variable)
    {
        if (environment(variable) is not { Length: > 0 } value)
        {
            return;
        }
        if (ConfigSchema.Settings.Find(key) is { IsList: true })
        {
            var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < items.Length; i++)
            {
                Data[$"{key}:{AppendedListIndex + i}"] = items[i];
            }
        }
        else
        {
            Data[key] = value;
        }
        _variables[key] = variable;
    }
}
