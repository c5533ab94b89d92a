namespace EdgeRouter.Host.Config;

/// <summary>
/// Layers the configuration: built-in defaults, then the JSON file, then EDGEROUTER_* variables, then command-line
/// flags. Each value is checked where it comes from, so the error names the file and key, the variable or the flag.
/// </summary>
public static class ConfigLoader
{
    /// <exception cref="ConfigException">Anything wrong with any layer.</exception>
    public static RouterConfig Load(ConfigSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var environment = EnvironmentReader.Read(sources.Environment);
        var config = RouterConfig.Default;
        // Each layer stops at its first problem, but every layer (and the whole cloud section) is still read, so one
        // run names as many mistakes as it can instead of one per restart.
        var errors = new List<string>();

        if (FindFile(sources, environment) is { } file)
        {
            var baseDirectory = Path.GetDirectoryName(file) ?? sources.WorkingDirectory;
            var layer = ConfigFileReader.Read(file);
            config = Collect(errors, config, () => Apply(config, layer, key => $"{file}: '{key.JsonPath}'", baseDirectory)) with { SourceFile = file };
            config = Collect(errors, config, () => config with { Cloud = CloudSectionLoader.Load(layer.Cloud, file) });
            config = Collect(errors, config, () => config with
            {
                Alerts = OperatorSectionLoader.LoadAlerts(layer.Alerts, file, new EdgeRouter.Cloud.Credentials.CredentialResolver()),
                Admin = OperatorSectionLoader.LoadAdmin(layer.Admin, file),
            });
            config = Collect(errors, config, () => config with { Auth = AuthSectionLoader.Load(layer.Auth, config.Cloud, file) });
        }

        config = Collect(errors, config, () => Apply(config, environment, key => key.EnvironmentVariable, sources.WorkingDirectory));
        config = Collect(errors, config, () => Apply(config, sources.CommandLine, key => key.Flag ?? key.JsonPath, sources.WorkingDirectory));
        if (errors.Count > 0)
        {
            throw new ConfigException(string.Join("\n", errors));
        }
        EdgeSettingsLoader.CheckCombined(config.Thermal);
        return config;
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

    private static string? FindFile(ConfigSources sources, ConfigOverrides environment)
    {
        var (explicitPath, source) = sources.CommandLine.ConfigPath is { } flag
            ? (flag, ConfigKeys.ConfigFlag)
            : (environment.ConfigPath, ConfigKeys.ConfigEnvironmentVariable);
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, sources.WorkingDirectory);
            return File.Exists(full) ? full : throw new ConfigException($"{source}: config file {full} does not exist");
        }
        return sources.SearchPaths.FirstOrDefault(File.Exists);
    }

    private static RouterConfig Apply(RouterConfig config, ConfigOverrides layer, Func<ConfigKeys.Key, string> label, string baseDirectory)
    {
        var model = config.Model;
        model = model with
        {
            Path = FilePath(layer.ModelPath, ConfigKeys.ModelPath) ?? model.Path,
            Name = NonEmpty(layer.ModelName, ConfigKeys.ModelName) ?? model.Name,
            ContextLength = InRange(layer.ContextLength, ConfigLimits.MinContextLength, ConfigLimits.MaxContextLength, ConfigKeys.ContextLength) ?? model.ContextLength,
            MaxContextLength = InRange(layer.MaxContextLength, ConfigLimits.MinContextLength, ConfigLimits.MaxContextLength, ConfigKeys.MaxContextLength) ?? model.MaxContextLength,
            KvCacheType = layer.KvCacheType is { } kv ? KvCacheTypes.Parse(kv, label(ConfigKeys.KvCacheType)) : model.KvCacheType,
            Threads = InRange(layer.Threads, ConfigLimits.MinThreads, ConfigLimits.MaxThreads, ConfigKeys.Threads) ?? model.Threads,
            BatchSize = InRange(layer.BatchSize, ConfigLimits.MinBatchSize, ConfigLimits.MaxBatchSize, ConfigKeys.BatchSize) ?? model.BatchSize,
            LibraryPath = FilePath(layer.LibraryPath, ConfigKeys.LibraryPath) ?? model.LibraryPath,
            LibraryDirectory = FilePath(layer.LibraryDirectory, ConfigKeys.LibraryDirectory) ?? model.LibraryDirectory,
        };

        var embedding = config.Embedding with
        {
            Path = FilePath(layer.EmbeddingPath, ConfigKeys.EmbeddingPath) ?? config.Embedding.Path,
            Name = NonEmpty(layer.EmbeddingName, ConfigKeys.EmbeddingName) ?? config.Embedding.Name,
            QueueLength = InRange(layer.EmbeddingQueueLength, ConfigLimits.MinQueueLength, ConfigLimits.MaxQueueLength, ConfigKeys.EmbeddingQueueLength)
                ?? config.Embedding.QueueLength,
        };

        var gate = config.Gate with
        {
            QueueLength = InRange(layer.QueueLength, ConfigLimits.MinQueueLength, ConfigLimits.MaxQueueLength, ConfigKeys.QueueLength) ?? config.Gate.QueueLength,
            MaxWait = Wait(layer.MaxWaitSeconds) ?? config.Gate.MaxWait,
        };

        var listen = layer.Listen is { } text ? ListenEndpoint.Parse(text, label(ConfigKeys.Listen)) : config.Listen;
        var stateDirectory = FilePath(layer.StateDirectory, ConfigKeys.StateDirectory) ?? config.StateDirectory;
        var edge = EdgeSettingsLoader.Apply(config with { Listen = listen, Model = model, Embedding = embedding, Gate = gate, StateDirectory = stateDirectory },
            layer, label, FilePath);
        return edge with { Cors = CorsSectionLoader.Add(edge.Cors, layer.Origins, label) };

        string? NonEmpty(string? value, ConfigKeys.Key key) =>
            value is null ? null : !string.IsNullOrWhiteSpace(value) ? value.Trim() : throw new ConfigException($"{label(key)} must not be empty");

        string? FilePath(string? value, ConfigKeys.Key key) =>
            NonEmpty(value, key) is { } path ? Path.GetFullPath(ExpandHome(path), baseDirectory) : null;

        int? InRange(int? value, int min, int max, ConfigKeys.Key key) =>
            value is not { } v ? null : v >= min && v <= max ? v : throw new ConfigException($"{label(key)} is {v}; it must be from {min} to {max}");

        TimeSpan? Wait(double? seconds) => seconds is not { } s
            ? null
            : double.IsFinite(s) && s >= ConfigLimits.MinMaxWaitSeconds && s <= ConfigLimits.MaxMaxWaitSeconds
                ? TimeSpan.FromSeconds(s)
                : throw new ConfigException($"{label(ConfigKeys.MaxWait)} is {s} s; it must be from {ConfigLimits.MinMaxWaitSeconds} to {ConfigLimits.MaxMaxWaitSeconds} seconds");
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..])
            : path;
}
