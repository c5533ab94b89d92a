using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>POST /v1/completions, streaming (SSE) or not.</summary>
internal sealed class CompletionsEndpoint(IInferenceService inference, RunResponder responder, TimeProvider time)
{
    private const string PromptParam = "prompt";

    public async Task HandleAsync(HttpContext context)
    {
        if (await ApiRequest.ReadAsync<CompletionRequest, OpenAiCall>(context, OpenAiJsonContext.Api.CompletionRequest, CompletionRequestMapping.TryMap, OpenAiErrors.WriteAsync) is not { } call)
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
            var id = OpenAiNames.CompletionId();
            var created = time.GetUtcNow().ToUnixTimeSeconds();
            if (call.Stream)
            {
                var format = new CompletionStreamFormat(id, created, run.Model.Name, call.IncludeUsage);
                await responder.StreamAsync(context, run, format, OpenAiErrors.WriteAsync, PromptParam);
                return;
            }

            if (await responder.CollectAsync(context, run, OpenAiErrors.WriteAsync, PromptParam) is not { } collected)
            {
                return;
            }
            var (text, result) = collected;
            var offset = 0;
            var response = new TextCompletionResponse
            {
                Id = id,
                Created = created,
                Model = run.Model.Name,
                Choices =
                [
                    new TextChoice
                    {
                        Text = text,
                        FinishReason = OpenAiNames.FinishReason(result.FinishReason),
                        Logprobs = result.Logprobs is { } logprobs ? OpenAiLogprobs.Completion(logprobs, ref offset) : null,
                    },
                ],
                Usage = OpenAiNames.Usage(result),
            };
            await ApiResults.JsonAsync(context, StatusCodes.Status200OK, response, OpenAiJsonContext.Api.TextCompletionResponse);
        }
    }
}
