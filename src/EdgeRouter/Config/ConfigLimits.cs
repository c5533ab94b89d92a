namespace EdgeRouter.Host.Config;

/// <summary>Defaults and ranges that code besides the settings records needs too.</summary>
internal static class ConfigLimits
{
    /// <summary>The window when nothing chose one (an engine created without a load plan, e.g. in tests).</summary>
    public const int DefaultContextLength = 2048;
    public const int DefaultMaxContextLength = 32768;
    /// <summary>The automatic window never goes below this (agents refuse a model under 4,000 tokens).</summary>
    public const int MinAutomaticContextLength = 2048;
    public const int DefaultBatchSize = 512;

    public const int MinContextLength = 64;
    public const int MaxContextLength = 1 << 20;
    public const int MaxQueueLength = 64;
    public const double MinCelsius = 20;
    public const double MaxCelsius = 150;
}
