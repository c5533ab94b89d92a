using System.Text.Json;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>Validates a /v1/completions body: one prompt string (or an array of exactly one), raw, no chat template.</summary>
internal static class CompletionRequestMapping
{
    /// <param name="raw">The body as received, forwarded to an OpenAI-compatible upstream (see <see cref="ChatRequestMapping.TryMap"/>).</param>
    public static ApiError? TryMap(CompletionRequest body, ReadOnlyMemory<byte> raw, out OpenAiCall? call)
    {
        call = null;
        var stopProblem = RequestChecks.ReadStop(body.Stop, "stop", out var stop);
        var problem = ReadPrompt(body.Prompt, out var prompt)
            ?? RequestChecks.AtLeast(body.MaxTokens, 1, "max_tokens")
            ?? OpenAiSampling.Check(body.Temperature, body.TopP, body.TopK, body.MinP, body.N)
            ?? (body.BestOf is { } bestOf && bestOf != 1
                ? ApiError.InvalidRequest($"Invalid 'best_of': this server generates one choice per request, but got {bestOf}.", "best_of", "unsupported_value")
                : null)
            ?? OpenAiLogprobs.ReadCompletion(body.Logprobs)
            ?? stopProblem;
        if (problem is not null)
        {
            return problem;
        }

        var sampling = OpenAiSampling.Build(body.Temperature, body.TopP, body.TopK, body.MinP, body.Seed, body.MaxTokens, stop);
        if (OpenAiPenalties.Apply(sampling, body.PresencePenalty, body.FrequencyPenalty, body.LogitBias,
                body.TypicalP, body.RepeatPenalty, body.RepeatLastN, out sampling) is { } samplingProblem)
        {
            return samplingProblem;
        }
        // Not OpenAI's for /v1/completions, but llama-server and the openai-compatible SDKs send it there too.
        if (StructuredOutput.ReadOpenAi(body.ResponseFormat, out var grammar) is { } formatProblem)
        {
            return formatProblem;
        }
        call = new OpenAiCall(ChatRequestMapping.ModelOrDefault(body.Model), GenerationRequest.Completion(prompt!, sampling) with { Grammar = grammar, Logprobs = body.Logprobs, UpstreamFields = raw },
            body.Stream ?? false, body.StreamOptions?.IncludeUsage ?? false);
        return null;
    }

    private static ApiError? ReadPrompt(JsonElement? value, out string? prompt)
    {
        prompt = null;
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return ApiError.InvalidRequest("Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
        }
        if (element.ValueKind == JsonValueKind.String)
        {
            prompt = element.GetString();
            return null;
        }
        if (element.ValueKind == JsonValueKind.Array)
        {
            var length = element.GetArrayLength();
            if (length == 1 && element[0].ValueKind == JsonValueKind.String)
            {
                prompt = element[0].GetString();
                return null;
            }
            if (length > 1 && element[0].ValueKind == JsonValueKind.String)
            {
                return ApiError.InvalidRequest($"Invalid 'prompt': this server takes one prompt per request, but got {length}.", "prompt", "unsupported_value");
            }
            return ApiError.InvalidRequest("Invalid 'prompt': token arrays are not supported; send the prompt as a string.", "prompt", "unsupported_value");
        }
        return ApiError.InvalidRequest("Invalid type for 'prompt': expected a string or an array of one string.", "prompt", "invalid_type");
    }
}
