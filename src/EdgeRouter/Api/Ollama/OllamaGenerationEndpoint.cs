using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>POST /api/chat and /api/generate: NDJSON stream by default, one object with "stream": false.</summary>
internal sealed class OllamaGenerationEndpoint(IInferenceService inference, RunResponder responder, TimeProvider time)
{
    public async Task HandleAsync<TRequest>(HttpContext context, OllamaGenerationKind<TRequest> kind)
        where TRequest : class
    {
        var started = time.GetTimestamp();
        if (await ApiRequest.ReadAsync(context, kind.RequestType, kind.Map, OllamaErrors.WriteAsync) is not { } call)
        {
            return;
        }
        if (call.Request is null)
        {
            await OllamaLoadResponse.WriteAsync(context, inference, call, time, chat: kind.IsChat);
            return;
        }

        var run = await responder.AdmitAsync(context, inference, call.Model, call.Request, OllamaErrors.WriteAsync, kind.PromptParam);
        if (run is null)
        {
            return;
        }
        await using (run)
        {
            var stats = new OllamaStats(time, started, time.GetElapsedTime(started));
            if (call.Stream)
            {
                await responder.StreamAsync(context, run, kind.StreamFormat(call.EchoModel, stats), OllamaErrors.WriteAsync, kind.PromptParam);
                return;
            }
            if (await responder.CollectAsync(context, run, OllamaErrors.WriteAsync, kind.PromptParam) is { } collected)
            {
                var (text, result) = collected;
                await kind.WriteFinalAsync(context, stats, call.EchoModel, text, result);
            }
        }
    }
}
