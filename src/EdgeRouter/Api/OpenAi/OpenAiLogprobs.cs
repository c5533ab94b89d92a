using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>
/// OpenAI's log-probability parameters and answer shapes: chat's <c>logprobs: true</c> + <c>top_logprobs</c> (0–20)
/// answered as <c>logprobs.content[]</c>, legacy completions' <c>logprobs: N</c> (0–5) answered as parallel arrays.
/// </summary>
internal static class OpenAiLogprobs
{
    /// <summary>OpenAI's limit for the legacy completions API.</summary>
    public const int MaxCompletionLogprobs = 5;

    public static ApiError? ReadChat(bool? logprobs, int? topLogprobs, out int? alternatives)
    {
        alternatives = null;
        if (RequestChecks.IntInRange(topLogprobs, 0, GenerationRequest.MaxTopLogprobs, "top_logprobs") is { } range)
        {
            return range;
        }
        if (logprobs != true)
        {
            return topLogprobs is null
                ? null
                : ApiError.InvalidRequest("Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is sent.",
                    "top_logprobs", "invalid_value");
        }
        alternatives = topLogprobs ?? 0;
        return null;
    }

    public static ApiError? ReadCompletion(int? logprobs) => RequestChecks.IntInRange(logprobs, 0, MaxCompletionLogprobs, "logprobs");

    public static ChatLogprobsDto Chat(IReadOnlyList<TokenLogprobs> tokens) =>
        new() { Content = [.. tokens.Select(t => Entry(t.Chosen, [.. t.Top.Select(Alternative)]))] };

    /// <param name="offset">Characters of the answer before these tokens; advanced past them.</param>
    public static CompletionLogprobsDto Completion(IReadOnlyList<TokenLogprobs> tokens, ref int offset)
    {
        var result = new CompletionLogprobsDto();
        foreach (var token in tokens)
        {
            result.Tokens.Add(token.Chosen.Token);
            result.TokenLogprobs.Add(token.Chosen.Logprob);
            var top = new Dictionary<string, float>(StringComparer.Ordinal);
            foreach (var alternative in token.Top)
            {
                // Two tokens can print alike (partial characters); OpenAI's map keeps one per text, the likelier.
                top.TryAdd(alternative.Token, alternative.Logprob);
            }
            result.TopLogprobs.Add(top);
            result.TextOffset.Add(offset);
            offset += token.Chosen.Token.Length;
        }
        return result;
    }

    private static ChatTokenLogprobDto Entry(TokenProbability token, List<TopLogprobDto> top) =>
        new() { Token = token.Token, Logprob = token.Logprob, Bytes = Bytes(token), TopLogprobs = top };

    private static TopLogprobDto Alternative(TokenProbability token) =>
        new() { Token = token.Token, Logprob = token.Logprob, Bytes = Bytes(token) };

    // JSON writes byte[] as base64; OpenAI sends the bytes as a list of integers.
    private static int[] Bytes(TokenProbability token) => [.. token.Bytes.Select(b => (int)b)];
}
