using EdgeRouter.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>
/// The timing fields of Ollama's final object. load_duration is the time spent before the generation started (body
/// parsing and the wait for the slot): the model itself is loaded once at start, not per request.
/// </summary>
internal sealed class OllamaStats(TimeProvider time, long requestStarted, TimeSpan beforeGeneration)
{
    public long TotalDuration => OllamaFormat.Nanoseconds(time.GetElapsedTime(requestStarted));

    public long LoadDuration => OllamaFormat.Nanoseconds(beforeGeneration);

    public string Now() => OllamaFormat.Timestamp(time.GetUtcNow());

    /// <param name="withToolCalls">False for the final line of a stream, whose calls went out on the line before.</param>
    public OllamaChatResponse Chat(string model, string content, GenerationResult result, bool withToolCalls = true) => new()
    {
        Model = model,
        CreatedAt = Now(),
        Message = new OllamaMessageOut { Content = content, ToolCalls = withToolCalls ? OllamaToolCallOut.From(result) : null },
        DoneReason = OllamaFormat.DoneReason(result.FinishReason),
        Done = true,
        TotalDuration = TotalDuration,
        LoadDuration = LoadDuration,
        PromptEvalCount = result.PromptTokens,
        PromptEvalDuration = OllamaFormat.Nanoseconds(result.PromptDuration),
        EvalCount = result.CompletionTokens,
        EvalDuration = OllamaFormat.Nanoseconds(result.DecodeDuration),
    };

    public OllamaGenerateResponse Generate(string model, string response, GenerationResult result) => new()
    {
        Model = model,
        CreatedAt = Now(),
        Response = response,
        DoneReason = OllamaFormat.DoneReason(result.FinishReason),
        Done = true,
        TotalDuration = TotalDuration,
        LoadDuration = LoadDuration,
        PromptEvalCount = result.PromptTokens,
        PromptEvalDuration = OllamaFormat.Nanoseconds(result.PromptDuration),
        EvalCount = result.CompletionTokens,
        EvalDuration = OllamaFormat.Nanoseconds(result.DecodeDuration),
    };
}
