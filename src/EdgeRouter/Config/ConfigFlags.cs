namespace EdgeRouter.Host.Config;

/// <summary>What the command line says about configuration: which file to read, and settings given as flags.</summary>
public sealed record ConfigFlags
{
    public static ConfigFlags None { get; } = new();

    /// <summary>--config: which file to read (also EDGEROUTER_CONFIG).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>"--flag=value" arguments for the command-line provider: a short flag (--threads=4) or a key (--model:threads=4).</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>
    /// Adds one setting: a short flag (--threads) or any setting's key, written with dots as the README writes it
    /// (--model.threads) or with colons. The value is checked here, so a typo fails before anything starts.
    /// </summary>
    /// <returns>Null when <paramref name="flag"/> names no setting.</returns>
    /// <exception cref="ConfigException">The value cannot be that setting's.</exception>
    public ConfigFlags? With(string flag, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (SettingOf(flag) is not { } setting)
        {
            return null;
        }
        if (setting.Error(flag, setting.WithoutSecondsUnit(value)) is { } error)
        {
            throw new ConfigException(error);
        }
        var name = ConfigAliases.SwitchMappings.ContainsKey(flag) ? flag : "--" + setting.Key;
        return this with { Settings = [.. Settings, $"{name}={value}"] };
    }

    public static bool NamesSetting(string flag) => SettingOf(flag) is not null;

    private static ConfigSchema.Setting? SettingOf(string flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var key = ConfigAliases.SwitchMappings.TryGetValue(flag, out var mapped) ? mapped
            : flag.StartsWith("--", StringComparison.Ordinal) ? flag[2..].Replace('.', ':') : null;
        // Lists (cors.origins) are file or variable only: one flag per entry would be one more syntax to learn.
        return key is null ? null : ConfigSchema.Settings.Find(key) is { IsList: false } setting ? setting : null;
    }
}
