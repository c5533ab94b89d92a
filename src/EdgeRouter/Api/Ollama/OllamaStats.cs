using EdgeRouter.Core.Inference;

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

    /// <param name="streamEnd">True for the final line of a stream: its calls went out on the line before, its logprobs with each piece.</param>
    public OllamaChatResponse Chat(string model, string content, GenerationResult result, bool streamEnd = false) => new()
    {
        Model = model,
        CreatedAt = Now(),
        Message = new OllamaMessageOut { Content = content, ToolCalls = streamEnd ? null : OllamaToolCallOut.From(result) },
        DoneReason = OllamaFormat.DoneReason(result.FinishReason),
        Done = true,
        TotalDuration = TotalDuration,
        LoadDuration = LoadDuration,
        PromptEvalCount = result.PromptTokens,
        PromptEvalDuration = OllamaFormat.Nanoseconds(result.PromptDuration),
        EvalCount = result.CompletionTokens,
        EvalDuration = OllamaFormat.Nanoseconds(result.DecodeDuration),
        Logprobs = streamEnd ? null : OllamaLogprobs.From(result.Logprobs),
    };

    /// <param name="streamEnd">True for the final line of a stream, whose logprobs went out with each piece.</param>
    public OllamaGenerateResponse Generate(string model, string response, GenerationResult result, bool streamEnd = false) => new()
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
        Logprobs = streamEnd ? null : OllamaLogprobs.From(result.Logprobs),
    };
}
