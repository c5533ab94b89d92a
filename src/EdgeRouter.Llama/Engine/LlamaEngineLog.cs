using EdgeRouter.Core.Inference;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Llama.Engine;

internal static partial class LlamaEngineLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Loading model {Path}: {Percent}%")]
    public static partial void LoadProgress(ILogger logger, string path, int percent);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
        Message = "Loaded {Name} ({Architecture}, {Quantization}, {Parameters} params) in {LoadMs} ms; n_ctx {ContextLength}, n_batch {BatchSize}, {Threads} threads")]
    public static partial void Loaded(
        ILogger logger, string name, string architecture, string quantization, long parameters, long loadMs,
        int contextLength, int batchSize, int threads);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning,
        Message = "The model's chat template is not one of llama.cpp's built-in formats; rendering chats as chatml")]
    public static partial void TemplateUnsupported(ILogger logger);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Information,
        Message = "Chats are rendered with the model's own chat template (Jinja); tools: {SupportsTools}, tool-call format: {ToolCallFormat}")]
    public static partial void TemplateJinja(ILogger logger, bool supportsTools, string toolCallFormat);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Warning,
        Message = "The model's chat template cannot be run ({Reason}); chats use llama.cpp's built-in formats and tools are refused")]
    public static partial void TemplateFallback(ILogger logger, string reason);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Information,
        Message = "The model has no chat template; chats use llama.cpp's built-in chatml format and tools are refused")]
    public static partial void TemplateMissing(ILogger logger);

    [LoggerMessage(EventId = 3208, Level = LogLevel.Warning, Message = "The model's chat template failed for a request: {Reason}")]
    public static partial void TemplateRenderFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug,
        Message = "Generation finished ({Reason}): {PromptTokens} prompt tokens ({ReusedTokens} reused from memory), {CompletionTokens} generated, {DecodeTokensPerSecond:F1} tok/s")]
    public static partial void Finished(
        ILogger logger, FinishReason reason, int promptTokens, int reusedTokens, int completionTokens, double decodeTokensPerSecond);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Debug,
        Message = "KV memory did not match the cached tokens (pos_max {PosMax}, expected {Expected}); cleared it")]
    public static partial void MemoryResynced(ILogger logger, int posMax, int expected);

    [LoggerMessage(EventId = 3209, Level = LogLevel.Information,
        Message = "Embedding context on {Name}: {Pooling} pooling, {Dimensions} dimensions, {Window} tokens per input and per call ({Call})")]
    public static partial void EmbeddingContext(ILogger logger, string name, string pooling, int dimensions, int window, string call);

    [LoggerMessage(EventId = 3300, Level = LogLevel.Warning,
        Message = "The CPU backend offers no persistent thread pool; llama.cpp will start and join {Threads} threads for every token, which is slower")]
    public static partial void NoPersistentThreadpool(ILogger logger, int threads);
}
