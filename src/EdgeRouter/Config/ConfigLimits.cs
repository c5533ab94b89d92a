namespace EdgeRouter.Host.Config;

/// <summary>Defaults and accepted ranges of the config values, in one place for validation and for --help.</summary>
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
    public const int MinThreads = 1;
    public const int MaxThreads = 512;
    public const int MinBatchSize = 1;
    public const int MaxBatchSize = 1 << 16;
    public const int MinQueueLength = 0;
    public const int MaxQueueLength = 64;
    public const double MinMaxWaitSeconds = 0;
    public const double MaxMaxWaitSeconds = 600;
}
