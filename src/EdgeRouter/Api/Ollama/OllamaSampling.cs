using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>Maps "options" to sampling; knobs llama.cpp has no use for here (mirostat, tfs_z, num_batch, ...) are accepted and ignored.</summary>
internal static class OllamaSampling
{
    public static ApiError? TryBuild(OllamaOptionsDto? options, out SamplingOptions sampling)
    {
        var defaults = new SamplingOptions();
        sampling = defaults;
        if (options is null)
        {
            return null;
        }

        var stopProblem = RequestChecks.ReadStop(options.Stop, "options.stop", out var stop);
        var problem = RequestChecks.InRange(options.Temperature, 0, 100, "options.temperature")
            ?? RequestChecks.InRange(options.TopP, 0, 1, "options.top_p")
            ?? RequestChecks.AtLeast(options.TopK, 0, "options.top_k")
            ?? RequestChecks.InRange(options.MinP, 0, 1, "options.min_p")
            ?? (options.NumPredict is 0 or < -2
                ? ApiError.InvalidRequest($"Invalid 'options.num_predict': expected -1 (no limit) or a positive number, but got {options.NumPredict}.", "options.num_predict", "invalid_value")
                : null)
            ?? RequestChecks.InRange(options.TypicalP, 0, 1, "options.typical_p")
            ?? RequestChecks.InRange(options.RepeatPenalty, 0, 100, "options.repeat_penalty")
            ?? RequestChecks.AtLeast(options.RepeatLastN, -1, "options.repeat_last_n")
            ?? RequestChecks.InRange(options.PresencePenalty, -2, 2, "options.presence_penalty")
            ?? RequestChecks.InRange(options.FrequencyPenalty, -2, 2, "options.frequency_penalty")
            ?? RequestChecks.AtLeast(options.NumCtx, 1, "options.num_ctx")
            ?? stopProblem;
        if (problem is not null)
        {
            return problem;
        }

        sampling = defaults with
        {
            Temperature = options.Temperature is { } t ? (float)t : defaults.Temperature,
            TopP = options.TopP is { } p ? (float)p : defaults.TopP,
            TopK = options.TopK ?? defaults.TopK,
            MinP = options.MinP is { } m ? (float)m : defaults.MinP,
            // Ollama's convention: a negative seed means "random".
            Seed = options.Seed is >= 0 ? RequestChecks.Seed(options.Seed) : null,
            MaxTokens = options.NumPredict is > 0 ? options.NumPredict : null,
            Stop = stop,
            TypicalP = options.TypicalP is { } typical ? (float)typical : defaults.TypicalP,
            RepeatPenalty = options.RepeatPenalty is { } repeat ? (float)repeat : defaults.RepeatPenalty,
            RepeatLastN = options.RepeatLastN ?? defaults.RepeatLastN,
            PresencePenalty = (float)(options.PresencePenalty ?? 0),
            FrequencyPenalty = (float)(options.FrequencyPenalty ?? 0),
            // num_ctx narrows the window per request (never beyond the loaded context).
            ContextLimit = options.NumCtx,
        };
        return null;
    }

    /// <summary>Top-level temperature, top_p and max_output_tokens of a chat (see <see cref="OllamaChatRequest"/>); options win.</summary>
    public static ApiError? ApplyTopLevel(OllamaChatRequest body, ref SamplingOptions sampling)
    {
        var problem = RequestChecks.InRange(body.Temperature, 0, 100, "temperature")
            ?? RequestChecks.InRange(body.TopP, 0, 1, "top_p")
            ?? RequestChecks.AtLeast(body.MaxOutputTokens, 1, "max_output_tokens");
        if (problem is not null)
        {
            return problem;
        }

        var options = body.Options;
        sampling = sampling with
        {
            Temperature = options?.Temperature is null && body.Temperature is { } t ? (float)t : sampling.Temperature,
            TopP = options?.TopP is null && body.TopP is { } p ? (float)p : sampling.TopP,
            MaxTokens = options?.NumPredict is null && body.MaxOutputTokens is { } n ? n : sampling.MaxTokens,
        };
        return null;
    }
}
