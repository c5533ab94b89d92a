using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>Validates /api/chat and /api/generate bodies and maps them to generation requests.</summary>
internal static class OllamaRequestMapping
{
    public static ApiError? TryMapChat(OllamaChatRequest body, out OllamaCall? call)
    {
        call = null;
        if (ToolRequestReader.ReadTools(body.Tools, out var tools) is { } toolsProblem)
        {
            return toolsProblem;
        }
        if (StructuredOutput.ReadOllama(body.Format, out var grammar) is { } formatProblem)
        {
            return formatProblem;
        }
        var logprobsProblem = OllamaLogprobs.Read(body.Logprobs, body.TopLogprobs, out var logprobs);
        if ((OllamaSampling.TryBuild(body.Options, out var sampling) ?? OllamaSampling.ApplyTopLevel(body, ref sampling) ?? logprobsProblem) is { } problem)
        {
            return problem;
        }

        var (model, echo) = OllamaCall.Names(body.Model);
        if (body.Messages is not { Count: > 0 } dtos)
        {
            call = new OllamaCall(model, echo, null, body.Stream ?? true);
            return null;
        }

        var messages = new List<ChatMessage>(dtos.Count);
        var calls = new ToolCallIds();
        for (var i = 0; i < dtos.Count; i++)
        {
            var dto = dtos[i];
            if (dto.Role is not ("system" or "user" or "assistant" or "tool"))
            {
                return ApiError.InvalidRequest(
                    dto.Role is null ? $"messages[{i}].role is required" : $"messages[{i}].role '{dto.Role}' is invalid; use system, user, assistant or tool",
                    $"messages[{i}].role");
            }
            if (RequestChecks.IsSet(dto.Images))
            {
                return ApiError.InvalidRequest("images are not supported by this model", $"messages[{i}].images");
            }
            if (calls.Map(dto, i, out var message) is { } callsProblem)
            {
                return callsProblem;
            }
            messages.Add(message);
        }

        call = new OllamaCall(model, echo, GenerationRequest.Chat(messages, sampling) with
        {
            Tools = tools,
            Grammar = grammar,
            Logprobs = logprobs,
            UpstreamFields = OllamaUpstreamFields.From(body.Tools, body.Format, body.Options),
        }, body.Stream ?? true);
        return null;
    }

    public static ApiError? TryMapGenerate(OllamaGenerateRequest body, out OllamaCall? call)
    {
        call = null;
        if (Unsupported(body.Images) is { } unsupported)
        {
            return unsupported;
        }
        if (StructuredOutput.ReadOllama(body.Format, out var grammar) is { } formatProblem)
        {
            return formatProblem;
        }
        var logprobsProblem = OllamaLogprobs.Read(body.Logprobs, body.TopLogprobs, out var logprobs);
        if ((OllamaSampling.TryBuild(body.Options, out var sampling) ?? logprobsProblem) is { } problem)
        {
            return problem;
        }

        var (model, echo) = OllamaCall.Names(body.Model);
        var stream = body.Stream ?? true;
        if (string.IsNullOrEmpty(body.Prompt))
        {
            call = new OllamaCall(model, echo, null, stream);
            return null;
        }

        GenerationRequest request;
        if (body.Raw == true)
        {
            // raw: the caller already applied the template; tokenize the prompt as is.
            request = GenerationRequest.Completion(body.Prompt, sampling);
        }
        else
        {
            List<ChatMessage> messages = string.IsNullOrEmpty(body.System)
                ? [new("user", body.Prompt)]
                : [new("system", body.System), new("user", body.Prompt)];
            request = GenerationRequest.Chat(messages, sampling);
        }
        call = new OllamaCall(model, echo, request with
        {
            Grammar = grammar,
            Logprobs = logprobs,
            UpstreamFields = OllamaUpstreamFields.From(null, body.Format, body.Options),
        }, stream);
        return null;
    }

    private static ApiError? Unsupported(System.Text.Json.JsonElement? images)
    {
        return RequestChecks.IsSet(images) ? ApiError.InvalidRequest("images are not supported by this model", "images") : null;
    }
}
