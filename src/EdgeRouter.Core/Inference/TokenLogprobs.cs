namespace EdgeRouter.Core.Inference;

/// <summary>
/// A token as the surfaces report it: its vocabulary id, its text, its exact bytes (a piece may end inside a
/// character) and its log-probability.
/// </summary>
public sealed record TokenProbability(int Id, string Token, byte[] Bytes, float Logprob);

/// <summary>
/// One generated token's log-probability and the most likely alternatives at that step, under the model's own
/// distribution (softmax of the raw logits, before penalties, biases, temperature, truncation or grammar), as
/// llama-server reports them by default.
/// </summary>
public sealed record TokenLogprobs(TokenProbability Chosen, IReadOnlyList<TokenProbability> Top);
