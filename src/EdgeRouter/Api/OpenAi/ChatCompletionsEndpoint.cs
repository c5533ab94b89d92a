using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>POST /v1/chat/completions, streaming (SSE) or not.</summary>
internal sealed class ChatCompletionsEndpoint(IInferenceService inference, RunResponder responder, RawStreamRelay relay, TimeProvider time)
{
    private const string PromptParam = "messages";

    public async Task HandleAsync(HttpContext context)
    {
        if (await ApiRequest.ReadAsync<ChatCompletionRequest, OpenAiCall>(context, OpenAiJsonContext.Api.ChatCompletionRequest, ChatRequestMapping.TryMap, OpenAiErrors.WriteAsync) is not { } call)
        {
            return;
        }

        var run = await responder.AdmitAsync(context, inference, call.Model, call.Request, OpenAiErrors.WriteAsync, PromptParam);
        if (run is null)
        {
            return;
        }
        await using (run)
        {
            var id = OpenAiNames.ChatCompletionId();
            var created = time.GetUtcNow().ToUnixTimeSeconds();
            if (call.Stream && run.RawOpenAiStream is { } frames)
            {
                // Served by an OpenAI-compatible upstream: pass its frames through unchanged.
                await relay.RelayAsync(context, run, frames, call.IncludeUsage);
                return;
            }
            if (call.Stream)
            {
                var format = new ChatStreamFormat(id, created, run.Model.Name, call.IncludeUsage);
                await responder.StreamAsync(context, run, format, OpenAiErrors.WriteAsync, PromptParam);
                return;
            }

            if (await responder.CollectAsync(context, run, OpenAiErrors.WriteAsync, PromptParam) is not { } collected)
            {
                return;
            }
            var (text, result) = collected;
            var response = new ChatCompletionResponse
            {
                Id = id,
                Created = created,
                Model = run.Model.Name,
                Choices =
                [
                    new ChatChoice
                    {
                        Message = new ChatMessageOut { Content = text.Length == 0 && result.HasToolCalls ? null : text, ToolCalls = ToolCallOut.From(result) },
                        Logprobs = result.Logprobs is { } logprobs ? OpenAiLogprobs.Chat(logprobs) : null,
                        FinishReason = OpenAiNames.FinishReason(result),
                    },
                ],
                Usage = OpenAiNames.Usage(result),
            };
            await ApiResults.JsonAsync(context, StatusCodes.Status200OK, response, OpenAiJsonContext.Api.ChatCompletionResponse);
        }
    }
}
