using Microsoft.Extensions.Logging;

namespace EdgeRouter.Llama.Runtime;

internal static partial class LlamaRuntimeLog
{
    [LoggerMessage(EventId = 3100, Message = "llama.cpp: {Line}")]
    public static partial void Native(ILogger logger, LogLevel level, string line);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "llama.cpp {Version} loaded from {Path}")]
    public static partial void Loaded(ILogger logger, string version, string path);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information,
        Message = "ggml device {Backend}/{Name} ({Type}): {Description}; features: {Features}")]
    public static partial void Device(ILogger logger, string backend, string name, string type, string description, string features);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "llama.cpp system info: {SystemInfo}")]
    public static partial void SystemInfo(ILogger logger, string systemInfo);
}
