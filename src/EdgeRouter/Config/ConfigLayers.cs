using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.Json;

namespace EdgeRouter.Host.Config;

/// <summary>
/// The JSON file, then EDGEROUTER_* variables, then flags, as one <see cref="IConfiguration"/>; each value can still
/// say which layer set it, so an error names the file and key, the variable or the flag.
/// </summary>
internal sealed class ConfigLayers
{
    /// <summary>File-only sections with their own loaders: richer than a flag or a variable can say.</summary>
    public static IReadOnlyList<string> FileOnlySections { get; } =
        [CloudSectionLoader.Section, OperatorSectionLoader.AlertsSectionName, OperatorSectionLoader.AdminSectionName, AuthSectionLoader.Section];

    private readonly IConfigurationRoot _layered;
    private readonly string? _file;
    private readonly string _workingDirectory;

    private ConfigLayers(IConfigurationRoot layered, string? file, string workingDirectory)
    {
        _layered = layered;
        _file = file;
        _workingDirectory = workingDirectory;
        Resolved = new ConfigurationBuilder().AddConfiguration(layered).AddInMemoryCollection(Normalized()).Build();
    }

    /// <summary>The config file that was read, or null.</summary>
    public string? File => _file;

    /// <summary>The layered values with relative paths made absolute and "10s" written "10", ready to bind.</summary>
    public IConfiguration Resolved { get; }

    /// <exception cref="ConfigException">The file is not a JSON object, or repeats a key.</exception>
    public static ConfigLayers Build(string? file, byte[]? fileBytes, ConfigSources sources)
    {
        var builder = new ConfigurationBuilder();
        if (fileBytes is not null)
        {
            builder.AddJsonStream(new MemoryStream(fileBytes));
        }
        builder.Add(new EnvironmentLayer(sources.Environment));
        builder.AddCommandLine([.. sources.CommandLine.Settings], ConfigAliases.SwitchMappings);
        try
        {
            return new ConfigLayers(builder.Build(), file, sources.WorkingDirectory);
        }
        catch (FormatException ex)
        {
            throw new ConfigException($"{file}: {ex.Message}", ex);
        }
    }

    /// <summary>Every value some layer set, with its key ("model:threads", "cors:origins:0").</summary>
    public IEnumerable<KeyValuePair<string, string>> Values() =>
        _layered.AsEnumerable().Where(pair => pair.Value is not null)!;

    /// <summary>Where <paramref name="key"/>'s value came from: "FILE: 'model.threads'", "EDGEROUTER_THREADS" or "--threads".</summary>
    public string Label(string key) => ProviderOf(key) switch
    {
        JsonStreamConfigurationProvider => $"{_file}: '{Display(key)}'",
        EnvironmentLayer environment => environment.VariableOf(key) ?? Display(key),
        CommandLineConfigurationProvider => ConfigAliases.FlagOf(key) ?? "--" + Display(key),
        _ => $"'{Display(key)}'",
    };

    public bool FromFile(string key) => ProviderOf(key) is JsonStreamConfigurationProvider;

    /// <summary>"model.threads", and "cors.origins[2]" for a list element.</summary>
    public static string Display(string key)
    {
        if (ConfigSchema.Settings.Find(key) is not { } setting)
        {
            return key.Replace(':', '.');
        }
        return setting.Key.Length == key.Length ? setting.Path : $"{setting.Path}[{key[(setting.Key.Length + 1)..]}]";
    }

    private IConfigurationProvider? ProviderOf(string key) => _layered.Providers.LastOrDefault(p => p.TryGet(key, out _));

    private Dictionary<string, string?> Normalized()
    {
        var normalized = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Values())
        {
            if (ConfigSchema.Settings.Find(key) is not { } setting || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (setting.IsFileSystemPath)
            {
                // A path in the file means "next to the file", wherever the router was started from.
                var baseDirectory = FromFile(key) ? Path.GetDirectoryName(_file) ?? _workingDirectory : _workingDirectory;
                normalized[key] = Path.GetFullPath(ExpandHome(value.Trim()), baseDirectory);
            }
            else if (!FromFile(key) && setting.WithoutSecondsUnit(value) is var plain && plain != value)
            {
                normalized[key] = plain;
            }
        }
        return normalized;
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..])
            : path;
}
