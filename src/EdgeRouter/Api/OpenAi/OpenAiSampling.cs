using EdgeRouter.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>Sampling parameters shared by chat and text completions.</summary>
internal static class OpenAiSampling
{
    public static ApiError? Check(double? temperature, double? topP, int? topK, double? minP, int? n) =>
        RequestChecks.InRange(temperature, 0, 2, "temperature")
        ?? RequestChecks.InRange(topP, 0, 1, "top_p")
        ?? RequestChecks.AtLeast(topK, 0, "top_k")
        ?? RequestChecks.InRange(minP, 0, 1, "min_p")
        ?? (n is { } count && count != 1
            ? ApiError.InvalidRequest($"Invalid 'n': this server generates one choice per request, but got {count}.", "n", "unsupported_value")
            : null);

    public static SamplingOptions Build(double? temperature, double? topP, int? topK, double? minP, long? seed, int? maxTokens, IReadOnlyList<string> stop)
    {
        var defaults = new SamplingOptions();
        return defaults with
        {
            Temperature = temperature is { } t ? (float)t : defaults.Temperature,
            TopP = topP is { } p ? (float)p : defaults.TopP,
            TopK = topK ?? defaults.TopK,
            MinP = minP is { } m ? (float)m : defaults.MinP,
            Seed = RequestChecks.Seed(seed),
            MaxTokens = maxTokens,
            Stop = stop,
        };
    }
}
