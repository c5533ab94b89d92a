using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>The host's log messages (source-generated; event ids 1000-1099, the state file 1100-1119).</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "EdgeRouter {Version} listening on {Address}")]
    public static partial void Listening(ILogger logger, string version, string address);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Configuration read from {File}")]
    public static partial void ConfigFile(ILogger logger, string file);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "No model configured: serving the built-in demo model {Path}. It has random weights, so its output is gibberish. " +
                  "Serve a real GGUF model with --model PATH, EDGEROUTER_MODEL=PATH or \"model\": {{ \"path\": ... }} in config.json")]
    public static partial void DemoModel(ILogger logger, string path);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Generating the demo model at {Path}")]
    public static partial void GeneratingDemoModel(ILogger logger, string path);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Memory check: {Message}")]
    public static partial void MemoryChecked(ILogger logger, string message);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information,
        Message = "Embeddings: {Source}")]
    public static partial void EmbeddingsServedBy(ILogger logger, string source);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Thermal thresholds: {Thresholds}")]
    public static partial void ThermalThresholds(ILogger logger, string thresholds);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information,
        Message = "No state to persist: without a cloud section there are no cooldowns, circuits or pins to keep")]
    public static partial void NothingToPersist(ILogger logger);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Router state written to {Path}")]
    public static partial void StatePersisted(ILogger logger, string path);
}
