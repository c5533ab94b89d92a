using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>
/// Ollama clients "load" a model with an empty chat or prompt; the model is always loaded here, so the answer is
/// immediate: done=true, done_reason "load" (or why the model cannot serve).
/// </summary>
internal static class OllamaLoadResponse
{
    public static Task WriteAsync(HttpContext context, IInferenceService inference, OllamaCall call, TimeProvider time, bool chat)
    {
        if (inference.ResolveModel(call.Model) is null)
        {
            var readiness = inference.Readiness;
            var error = readiness.IsReady
                ? ApiError.ModelNotFound(call.Model, [.. inference.ListModels().Select(m => m.Name)])
                : ApiError.NotReady(TimeSpan.FromSeconds(2), readiness.Reason);
            return OllamaErrors.WriteAsync(context, error);
        }

        var now = OllamaFormat.Timestamp(time.GetUtcNow());
        return chat
            ? ApiResults.JsonAsync(context, StatusCodes.Status200OK,
                new OllamaChatResponse { Model = call.EchoModel, CreatedAt = now, Message = new OllamaMessageOut { Content = string.Empty }, DoneReason = "load", Done = true },
                OllamaJsonContext.Api.OllamaChatResponse)
            : ApiResults.JsonAsync(context, StatusCodes.Status200OK,
                new OllamaGenerateResponse { Model = call.EchoModel, CreatedAt = now, Response = string.Empty, DoneReason = "load", Done = true },
                OllamaJsonContext.Api.OllamaGenerateResponse);
    }
}
