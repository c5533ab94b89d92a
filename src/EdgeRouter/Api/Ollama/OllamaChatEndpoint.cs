using EdgeRouter.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>POST /api/chat: NDJSON stream by default, one object with "stream": false.</summary>
internal sealed class OllamaChatEndpoint(IInferenceService inference, RunResponder responder, TimeProvider time)
{
    private const string PromptParam = "messages";

    public async Task HandleAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        if (await ApiRequest.ReadAsync<OllamaChatRequest, OllamaCall>(context, OllamaJsonContext.Api.OllamaChatRequest, OllamaRequestMapping.TryMapChat, OllamaErrors.WriteAsync) is not { } call)
        {
            return;
        }
        if (call.Request is null)
        {
            await OllamaLoadResponse.WriteAsync(context, inference, call, time, chat: true);
            return;
        }

        var run = await responder.AdmitAsync(context, inference, call.Model, call.Request, OllamaErrors.WriteAsync, PromptParam);
        if (run is null)
        {
            return;
        }
        await using (run)
        {
            var stats = new OllamaStats(time, started, time.GetElapsedTime(started));
            if (call.Stream)
            {
                await responder.StreamAsync(context, run, new ChatNdjsonFormat(call.EchoModel, stats), OllamaErrors.WriteAsync, PromptParam);
                return;
            }
            if (await responder.CollectAsync(context, run, OllamaErrors.WriteAsync, PromptParam) is { } collected)
            {
                var (text, result) = collected;
                await ApiResults.JsonAsync(context, StatusCodes.Status200OK, stats.Chat(call.EchoModel, text, result), OllamaJsonContext.Api.OllamaChatResponse);
            }
        }
    }
}
