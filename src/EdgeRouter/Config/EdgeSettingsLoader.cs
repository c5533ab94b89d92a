namespace EdgeRouter.Host.Config;

/// <summary>
/// The board-tuning settings (thermal, telemetry, memory guard) of one layer, checked like the rest: the message names
/// the file and key or the variable. The ranges are the Edge library's own (ThermalOptions, TelemetryOptions), so a
/// value accepted here never makes the router fail later at start.
/// </summary>
internal static class EdgeSettingsLoader
{
    public const double MinCelsius = 20;
    public const double MaxCelsius = 150;
    public const double MaxHysteresisCelsius = 30;
    public const double MinHotRetryAfterSeconds = 1;
    public const double MaxHotRetryAfterSeconds = 3600;
    public const double MinIntervalSeconds = 0.1;
    public const double MaxIntervalSeconds = 3600;
    public const int MaxMarginMiB = 1 << 20;

    public static RouterConfig Apply(RouterConfig config, ConfigOverrides layer, Func<ConfigKeys.Key, string> label,
        Func<string?, ConfigKeys.Key, string?> filePath)
    {
        var thermal = config.Thermal with
        {
            WarmCelsius = InRange(layer.WarmCelsius, MinCelsius, MaxCelsius, ConfigKeys.WarmCelsius, "°C") ?? config.Thermal.WarmCelsius,
            HotCelsius = InRange(layer.HotCelsius, MinCelsius, MaxCelsius, ConfigKeys.HotCelsius, "°C") ?? config.Thermal.HotCelsius,
            HysteresisCelsius = InRange(layer.HysteresisCelsius, 0, MaxHysteresisCelsius, ConfigKeys.HysteresisCelsius, "°C") ?? config.Thermal.HysteresisCelsius,
            HotRetryAfter = Seconds(layer.HotRetryAfterSeconds, MinHotRetryAfterSeconds, MaxHotRetryAfterSeconds, ConfigKeys.HotRetryAfter) ?? config.Thermal.HotRetryAfter,
            ZoneType = NonEmpty(layer.ThermalZoneType, ConfigKeys.ThermalZoneType) ?? config.Thermal.ZoneType,
        };
        var telemetry = config.Telemetry with
        {
            Interval = Seconds(layer.TelemetryIntervalSeconds, MinIntervalSeconds, MaxIntervalSeconds, ConfigKeys.TelemetryInterval) ?? config.Telemetry.Interval,
            Root = filePath(layer.TelemetryRoot, ConfigKeys.TelemetryRoot) ?? config.Telemetry.Root,
        };
        var memory = config.MemoryGuard with
        {
            MarginMiB = layer.MemoryMarginMiB is not { } margin
                ? config.MemoryGuard.MarginMiB
                : margin is >= 0 and <= MaxMarginMiB
                    ? margin
                    : throw new ConfigException($"{label(ConfigKeys.MemoryMargin)} is {margin}; it must be from 0 to {MaxMarginMiB}"),
        };
        return config with { Thermal = thermal, Telemetry = telemetry, MemoryGuard = memory };

        double? InRange(double? value, double min, double max, ConfigKeys.Key key, string unit) => value is not { } v
            ? null
            : double.IsFinite(v) && v >= min && v <= max ? v : throw new ConfigException($"{label(key)} is {v} {unit}; it must be from {min} to {max} {unit}");

        TimeSpan? Seconds(double? value, double min, double max, ConfigKeys.Key key) =>
            InRange(value, min, max, key, "s") is { } s ? TimeSpan.FromSeconds(s) : null;

        string? NonEmpty(string? value, ConfigKeys.Key key) =>
            value is null ? null : !string.IsNullOrWhiteSpace(value) ? value.Trim() : throw new ConfigException($"{label(key)} must not be empty");
    }

    /// <summary>Checks that span keys, once every layer is applied (warm may come from the file and hot from a variable).</summary>
    public static void CheckCombined(ThermalConfig thermal)
    {
        if (thermal.WarmCelsius is { } warm && thermal.HotCelsius is { } hot && warm >= hot)
        {
            throw new ConfigException(
                $"'{ConfigKeys.WarmCelsius.JsonPath}' ({warm} °C) must be below '{ConfigKeys.HotCelsius.JsonPath}' ({hot} °C)");
        }
    }
}
