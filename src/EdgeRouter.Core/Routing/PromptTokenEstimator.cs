using System.Text;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Routing;

/// <summary>Estimates prompt tokens without a tokenizer, to pick tiers whose context window fits.</summary>
public interface IPromptTokenEstimator
{
    int Estimate(GenerationRequest request);
}

/// <summary>
/// About 4 UTF-8 bytes per token (English BPE averages 4 characters; CJK text takes 3 bytes per character and about
/// one token each, so bytes/4 under-counts it a little), plus 4 tokens of role markup per message and 3 to prime the
/// reply; tool calls and tool schemas count by the same rule. It is a pre-filter only: a tier that still overflows
/// answers with a context error and the router moves on to a bigger tier.
/// </summary>
public sealed class PromptTokenEstimator : IPromptTokenEstimator
{
    private const int BytesPerToken = 4;
    private const int PerMessage = 4;
    private const int ReplyPriming = 3;

    public static PromptTokenEstimator Instance { get; } = new();

    public int Estimate(GenerationRequest request)
    {
        if (request.Messages is { } messages)
        {
            var total = ReplyPriming;
            foreach (var message in messages)
            {
                total += PerMessage + Tokens(message.Role) + Tokens(message.Content);
                foreach (var call in message.ToolCalls ?? [])
                {
                    total += Tokens(call.Name) + Tokens(call.ArgumentsJson);
                }
            }
            // An agent's dozen tools are thousands of tokens of schema: a tier too small for them must not be picked.
            foreach (var tool in request.Tools ?? [])
            {
                total += Tokens(tool.Name) + Tokens(tool.Description ?? "") + Tokens(tool.ParametersJson ?? "");
            }
            return total;
        }
        return Tokens(request.Prompt ?? "");
    }

    private static int Tokens(string text) => (Encoding.UTF8.GetByteCount(text) + BytesPerToken - 1) / BytesPerToken;
}
