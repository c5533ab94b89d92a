using System.Globalization;

namespace EdgeRouter.Host.Config;

/// <summary>EDGEROUTER_* variables as a layer. An empty variable counts as unset (systemd's Environment=X= idiom).</summary>
internal static class EnvironmentReader
{
    public static ConfigOverrides Read(Func<string, string?> environment)
    {
        string? Text(string name) => environment(name) is { Length: > 0 } value ? value : null;

        int? Integer(ConfigKeys.Key key) => Text(key.EnvironmentVariable) is { } text
            ? ValueParsing.Integer(text, key.EnvironmentVariable)
            : null;

        double? Number(ConfigKeys.Key key) => Text(key.EnvironmentVariable) is { } text
            ? ValueParsing.Number(text, key.EnvironmentVariable)
            : null;

        double? Seconds(ConfigKeys.Key key) => Text(key.EnvironmentVariable) is { } text
            ? ValueParsing.Seconds(text, key.EnvironmentVariable)
            : null;

        return new ConfigOverrides
        {
            ConfigPath = Text(ConfigKeys.ConfigEnvironmentVariable),
            Listen = Text(ConfigKeys.Listen.EnvironmentVariable),
            ModelPath = Text(ConfigKeys.ModelPath.EnvironmentVariable),
            ModelName = Text(ConfigKeys.ModelName.EnvironmentVariable),
            ContextLength = Integer(ConfigKeys.ContextLength),
            MaxContextLength = Integer(ConfigKeys.MaxContextLength),
            KvCacheType = Text(ConfigKeys.KvCacheType.EnvironmentVariable),
            Threads = Integer(ConfigKeys.Threads),
            BatchSize = Integer(ConfigKeys.BatchSize),
            LibraryPath = Text(ConfigKeys.LibraryPath.EnvironmentVariable),
            LibraryDirectory = Text(ConfigKeys.LibraryDirectory.EnvironmentVariable),
            EmbeddingPath = Text(ConfigKeys.EmbeddingPath.EnvironmentVariable),
            EmbeddingName = Text(ConfigKeys.EmbeddingName.EnvironmentVariable),
            EmbeddingQueueLength = Integer(ConfigKeys.EmbeddingQueueLength),
            QueueLength = Integer(ConfigKeys.QueueLength),
            MaxWaitSeconds = Text(ConfigKeys.MaxWait.EnvironmentVariable) is { } wait
                ? ValueParsing.Seconds(wait, ConfigKeys.MaxWait.EnvironmentVariable)
                : null,
            WarmCelsius = Number(ConfigKeys.WarmCelsius),
            HotCelsius = Number(ConfigKeys.HotCelsius),
            HysteresisCelsius = Number(ConfigKeys.HysteresisCelsius),
            HotRetryAfterSeconds = Seconds(ConfigKeys.HotRetryAfter),
            ThermalZoneType = Text(ConfigKeys.ThermalZoneType.EnvironmentVariable),
            TelemetryIntervalSeconds = Seconds(ConfigKeys.TelemetryInterval),
            TelemetryRoot = Text(ConfigKeys.TelemetryRoot.EnvironmentVariable),
            MemoryMarginMiB = Integer(ConfigKeys.MemoryMargin),
            StateDirectory = Text(ConfigKeys.StateDirectory.EnvironmentVariable),
            Origins = Text(ConfigKeys.Origins.EnvironmentVariable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }
}

/// <summary>Text to numbers for the environment and the command line, with messages that name the source.</summary>
internal static class ValueParsing
{
    public static int Integer(string text, string source) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ConfigException($"{source}: '{text}' is not an integer");

    public static double Number(string text, string source) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ConfigException($"{source}: '{text}' is not a number");

    public static double Seconds(string text, string source)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith('s'))
        {
            trimmed = trimmed[..^1];
        }
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ConfigException($"{source}: '{text}' is not a number of seconds");
    }
}
