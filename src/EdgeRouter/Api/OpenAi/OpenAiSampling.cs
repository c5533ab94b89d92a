using EdgeRouter.Core.Inference;

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

/// <summary>OpenAI's penalties and logit_bias (and llama-server's typical_p, repeat_penalty, repeat_last_n) on top of the basic knobs.</summary>
internal static class OpenAiPenalties
{
    public static ApiError? Apply(
        SamplingOptions sampling, double? presence, double? frequency, System.Text.Json.JsonElement? logitBias,
        double? typicalP, double? repeatPenalty, int? repeatLastN, out SamplingOptions result)
    {
        result = sampling;
        var biasProblem = ReadLogitBias(logitBias, out var bias);
        var problem = RequestChecks.InRange(presence, -2, 2, "presence_penalty")
            ?? RequestChecks.InRange(frequency, -2, 2, "frequency_penalty")
            ?? RequestChecks.InRange(typicalP, 0, 1, "typical_p")
            ?? RequestChecks.InRange(repeatPenalty, 0, 100, "repeat_penalty")
            ?? RequestChecks.AtLeast(repeatLastN, -1, "repeat_last_n")
            ?? biasProblem;
        if (problem is not null)
        {
            return problem;
        }
        result = sampling with
        {
            PresencePenalty = (float)(presence ?? 0),
            FrequencyPenalty = (float)(frequency ?? 0),
            TypicalP = (float)(typicalP ?? 1),
            RepeatPenalty = (float)(repeatPenalty ?? 1),
            // OpenAI's penalties look at everything generated so far; -1 is the whole window.
            RepeatLastN = repeatLastN ?? -1,
            LogitBias = bias,
        };
        return null;
    }

    /// <summary>{"token id": bias}, bias in [-100, 100]; -100 bans the token.</summary>
    private static ApiError? ReadLogitBias(System.Text.Json.JsonElement? value, out IReadOnlyDictionary<int, float> bias)
    {
        var map = new Dictionary<int, float>();
        bias = map;
        if (value is not { } element || element.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return ApiError.InvalidRequest("Invalid type for 'logit_bias': expected an object mapping token ids to numbers.", "logit_bias", "invalid_type");
        }
        foreach (var entry in element.EnumerateObject())
        {
            if (!int.TryParse(entry.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var token)
                || entry.Value.ValueKind != System.Text.Json.JsonValueKind.Number
                || !entry.Value.TryGetDouble(out var number) || number is < -100 or > 100)
            {
                return ApiError.InvalidRequest(
                    $"Invalid 'logit_bias' entry '{entry.Name}': keys are token ids, values numbers from -100 to 100.", "logit_bias", "invalid_value");
            }
            map[token] = (float)number;
        }
        return null;
    }
}
