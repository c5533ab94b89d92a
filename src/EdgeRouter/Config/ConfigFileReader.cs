using System.Text.Json;
using EdgeRouter.Host.Json;

namespace EdgeRouter.Host.Config;

/// <summary>Reads the JSON config file into a layer; every failure names the file and the JSON path.</summary>
internal static class ConfigFileReader
{
    public static ConfigOverrides Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read config file {path}: {ex.Message}", ex);
        }

        ConfigFileModel? file;
        try
        {
            file = JsonSerializer.Deserialize(bytes, ConfigJsonContext.Default.ConfigFileModel);
        }
        catch (JsonException ex)
        {
            throw new ConfigException(Describe(path, JsonErrorDescription.From(ex)), ex);
        }

        return file is null ? ConfigOverrides.None : ToOverrides(file);
    }

    private static string Describe(string path, JsonErrorDescription error) => error.Kind switch
    {
        JsonErrorKind.UnknownProperty => $"{path}: unknown key '{error.Path}' (allowed keys: {AllowedKeys()})",
        JsonErrorKind.Syntax => $"{path}: not valid JSON{AtLine(error)}: {error.Detail}",
        JsonErrorKind.WrongType => $"{path}: '{error.Path}' has the wrong type: {error.Detail}",
        _ => $"{path}: '{error.Path}' is invalid: {error.Detail}",
    };

    private static string AtLine(JsonErrorDescription error) => error.Line is { } line ? $" at line {line}" : string.Empty;

    private static string AllowedKeys() => string.Join(", ", ConfigKeys.All.Select(k => k.JsonPath).Append(CloudSectionLoader.Section)
        .Append(OperatorSectionLoader.AlertsSectionName).Append(OperatorSectionLoader.AdminSectionName).Append(AuthSectionLoader.Section));

    private static ConfigOverrides ToOverrides(ConfigFileModel file) => new()
    {
        Listen = file.Listen,
        ModelPath = file.Model?.Path,
        ModelName = file.Model?.Name,
        ContextLength = file.Model?.ContextLength,
        MaxContextLength = file.Model?.MaxContextLength,
        KvCacheType = file.Model?.KvCacheType,
        Threads = file.Model?.Threads,
        BatchSize = file.Model?.BatchSize,
        LibraryPath = file.Model?.LibraryPath,
        LibraryDirectory = file.Model?.LibraryDirectory,
        EmbeddingPath = file.Embedding?.Path,
        EmbeddingName = file.Embedding?.Name,
        EmbeddingQueueLength = file.Embedding?.QueueLength,
        QueueLength = file.Gate?.QueueLength,
        MaxWaitSeconds = file.Gate?.MaxWaitSeconds,
        WarmCelsius = file.Thermal?.WarmCelsius,
        HotCelsius = file.Thermal?.HotCelsius,
        HysteresisCelsius = file.Thermal?.HysteresisCelsius,
        HotRetryAfterSeconds = file.Thermal?.HotRetryAfterSeconds,
        ThermalZoneType = file.Thermal?.ZoneType,
        TelemetryIntervalSeconds = file.Telemetry?.IntervalSeconds,
        TelemetryRoot = file.Telemetry?.Root,
        MemoryMarginMiB = file.MemoryGuard?.MarginMiB,
        StateDirectory = file.StateDirectory,
        Origins = file.Cors?.Origins,
        Cloud = file.Cloud,
        Alerts = file.Alerts,
        Admin = file.Admin,
        Auth = file.Auth,
    };
}
