using EdgeRouter.Cloud.Credentials;
using Microsoft.Extensions.Configuration;

namespace EdgeRouter.Host.Config;

/// <summary>
/// Layers the configuration (built-in defaults, the JSON file, EDGEROUTER_* variables, flags), binds it into the
/// settings records with the configuration binder's source generator, and checks it. Every mistake is named at once,
/// each with the file and key, the variable or the flag that set it, so one restart fixes them all.
/// </summary>
public static class ConfigLoader
{
    /// <exception cref="ConfigException">Anything wrong with any layer.</exception>
    public static RouterConfig Load(ConfigSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var file = FindFile(sources);
        var bytes = file is null ? null : ReadFile(file);
        var sections = bytes is null ? new FileSections() : FileSections.Read(bytes, file!);
        var layers = ConfigLayers.Build(file, bytes, sources);

        var errors = CheckKeysAndValues(layers).ToList();
        var settings = errors.Count == 0 ? Bind(layers) : new RouterSettings();
        if (errors.Count == 0)
        {
            errors.AddRange(Validate(settings, layers));
        }

        var config = new RouterConfig
        {
            Listen = ListenEndpoint.TryParse(settings.Listen, out var listen, out _) ? listen : ListenEndpoint.Default,
            StateDirectory = settings.StateDirectory,
            Model = settings.Model,
            Embedding = settings.Embedding,
            Gate = settings.Gate,
            Thermal = settings.Thermal,
            Telemetry = settings.Telemetry,
            MemoryGuard = settings.MemoryGuard,
            SourceFile = file,
        };
        config = Collect(errors, config, () => config with { Cors = CorsSectionLoader.Load(layers) });
        if (file is not null)
        {
            config = Collect(errors, config, () => config with { Cloud = CloudSectionLoader.Load(sections.Cloud, file) });
            config = Collect(errors, config, () => config with
            {
                Alerts = OperatorSectionLoader.LoadAlerts(sections.Alerts, file, new CredentialResolver()),
                Admin = OperatorSectionLoader.LoadAdmin(sections.Admin, file),
            });
            config = Collect(errors, config, () => config with { Auth = AuthSectionLoader.Load(sections.Auth, config.Cloud, file) });
        }
        return errors.Count == 0 ? config : throw new ConfigException(string.Join("\n", errors));
    }

    /// <summary>Unknown keys and values that are not of their setting's type, all of them, before anything is bound.</summary>
    private static IEnumerable<string> CheckKeysAndValues(ConfigLayers layers)
    {
        var schema = ConfigSchema.Settings;
        var unknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in layers.Values())
        {
            if (ConfigLayers.FileOnlySections.Contains(key.Split(':')[0], StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            if (schema.Find(key) is { } setting)
            {
                if (setting.IsList && setting.Key.Length == key.Length && value.Length > 0)
                {
                    yield return $"{layers.Label(key)} must be a list";
                }
                else if (setting.Error(layers.Label(key), layers.Resolved[key] ?? value) is { } error)
                {
                    yield return error;
                }
            }
            else if (schema.Sections.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                // An empty object reads as a section with an empty value; anything else is a value where keys belong.
                if (value.Length > 0)
                {
                    var keys = schema.All.Where(s => s.Key.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)).Select(s => s.Path);
                    yield return $"{layers.Label(key)} must be an object with the keys {string.Join(", ", keys)}";
                }
            }
            else if (UnknownPart(key) is var part && unknown.Add(part))
            {
                // "cors.origin" once, not "cors.origin.0", "cors.origin.1", ... for each of its entries.
                yield return layers.FromFile(key)
                    ? $"{layers.File}: unknown key '{ConfigLayers.Display(part)}' (allowed keys: {AllowedKeys()})"
                    : $"{layers.Label(key)}: unknown setting '{ConfigLayers.Display(part)}' (allowed keys: {AllowedKeys()})";
            }
        }
    }

    /// <summary>The shortest prefix of <paramref name="key"/> that is neither a section nor a setting.</summary>
    private static string UnknownPart(string key)
    {
        var schema = ConfigSchema.Settings;
        var end = key.IndexOf(':');
        while (end > 0 && schema.Sections.Contains(key[..end], StringComparer.OrdinalIgnoreCase))
        {
            var next = key.IndexOf(':', end + 1);
            end = next;
        }
        return end > 0 ? key[..end] : key;
    }

    private static string AllowedKeys() => string.Join(", ", ConfigSchema.Settings.All.Select(s => s.Path).Concat(ConfigLayers.FileOnlySections));

    private static RouterSettings Bind(ConfigLayers layers)
    {
        try
        {
            return layers.Resolved.Get<RouterSettings>() ?? new RouterSettings();
        }
        catch (InvalidOperationException ex)
        {
            // CheckKeysAndValues has seen every value this could fail on; kept as a config error, never a crash.
            throw new ConfigException(ex.Message, ex);
        }
    }

    /// <summary>The records' rules (source-generated validator), then the checks that span keys.</summary>
    private static IEnumerable<string> Validate(RouterSettings settings, ConfigLayers layers)
    {
        var result = new RouterSettingsValidator().Validate(name: null, settings);
        foreach (var failure in result.Failures ?? [])
        {
            yield return Describe(failure, layers);
        }
        if (settings.Thermal is { WarmCelsius: { } warm, HotCelsius: { } hot } && warm >= hot)
        {
            yield return $"'thermal.warmCelsius' ({warm} °C) must be below 'thermal.hotCelsius' ({hot} °C)";
        }
    }

    /// <summary>
    /// A validator failure reads "RouterSettings.Model.Threads: is 0; ..." (our rules name the member by its path);
    /// the path becomes the key, and the key the place that set it.
    /// </summary>
    private static string Describe(string failure, ConfigLayers layers)
    {
        const string Root = nameof(RouterSettings) + ".";
        var colon = failure.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 || !failure.StartsWith(Root, StringComparison.Ordinal))
        {
            return failure;
        }
        var key = failure[Root.Length..colon].Replace('.', ':');
        return $"{layers.Label(key)} {failure[(colon + 2)..]}";
    }

    private static RouterConfig Collect(List<string> errors, RouterConfig unchanged, Func<RouterConfig> apply)
    {
        try
        {
            return apply();
        }
        catch (ConfigException ex)
        {
            errors.Add(ex.Message);
            return unchanged;
        }
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read config file {path}: {ex.Message}", ex);
        }
    }

    private static string? FindFile(ConfigSources sources)
    {
        var (explicitPath, source) = sources.CommandLine.ConfigPath is { } flag
            ? (flag, ConfigAliases.ConfigFlag)
            : (sources.Environment(ConfigAliases.ConfigEnvironmentVariable) is { Length: > 0 } variable ? variable : null,
                ConfigAliases.ConfigEnvironmentVariable);
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, sources.WorkingDirectory);
            return File.Exists(full) ? full : throw new ConfigException($"{source}: config file {full} does not exist");
        }
        return sources.SearchPaths.FirstOrDefault(File.Exists);
    }
}
