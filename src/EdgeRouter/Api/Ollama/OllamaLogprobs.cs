using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>
/// Ollama's <c>logprobs: true</c> and <c>top_logprobs</c> (0–20), answered as a top-level <c>logprobs</c> array of
/// {token, logprob, bytes, top_logprobs} on every line (streamed) or on the one object.
/// </summary>
internal static class OllamaLogprobs
{
    public static ApiError? Read(bool? logprobs, int? topLogprobs, out int? alternatives)
    {
        alternatives = null;
        if (topLogprobs is < 0 or > GenerationRequest.MaxTopLogprobs)
        {
            return ApiError.InvalidRequest($"top_logprobs must be between 0 and {GenerationRequest.MaxTopLogprobs}", "top_logprobs");
        }
        // Like Ollama, top_logprobs alone asks for nothing.
        alternatives = logprobs == true ? topLogprobs ?? 0 : null;
        return null;
    }

    public static List<OllamaLogprobDto>? From(IReadOnlyList<TokenLogprobs>? tokens) =>
        tokens is null ? null : [.. tokens.Select(t => new OllamaLogprobDto
        {
            Token = t.Chosen.Token,
            Logprob = t.Chosen.Logprob,
            Bytes = Bytes(t.Chosen),
            TopLogprobs = t.Top.Count == 0 ? null : [.. t.Top.Select(a => new OllamaTokenLogprobDto { Token = a.Token, Logprob = a.Logprob, Bytes = Bytes(a) })],
        })];

    private static int[] Bytes(TokenProbability token) => [.. token.Bytes.Select(b => (int)b)];
}

internal sealed class OllamaLogprobDto
{
    public required string Token { get; init; }
    public required float Logprob { get; init; }
    public required int[] Bytes { get; init; }
    public List<OllamaTokenLogprobDto>? TopLogprobs { get; init; }
}

internal sealed class OllamaTokenLogprobDto
{
    public required string Token { get; init; }
    public required float Logprob { get; init; }
    public required int[] Bytes { get; init; }
}
