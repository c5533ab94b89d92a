using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Routing;

/// <summary>Decides whether a prompt fits a tier, and shortens a conversation when the route allows it.</summary>
public static class ContextFitter
{
    /// <summary>
    /// Context a request needs on a tier: the prompt plus the completion it asked for. The local engine stops at a
    /// full context (finish reason "length") instead of refusing, so only one completion token is reserved there.
    /// </summary>
    public static int Required(int promptTokens, GenerationRequest request, bool isLocal) =>
        promptTokens + (isLocal ? 1 : Math.Max(1, request.Sampling.MaxTokens ?? 1));

    /// <summary>
    /// Drops the oldest non-system turns (never the last message) until the count fits <paramref name="contextWindow"/>.
    /// False when even the system turns plus the last message do not fit, or the request is a raw prompt.
    /// </summary>
    public static bool TryTruncate(GenerationRequest request, Func<GenerationRequest, int> count, int contextWindow, bool isLocal,
        out GenerationRequest truncated, out int dropped)
    {
        truncated = request;
        dropped = 0;
        if (request.Messages is not { Count: > 1 } messages)
        {
            return false;
        }
        var kept = messages.ToList();
        while (Required(count(truncated), truncated, isLocal) > contextWindow)
        {
            var oldest = kept.FindIndex(m => !IsSystem(m));
            if (oldest < 0 || oldest == kept.Count - 1)
            {
                truncated = request;
                dropped = 0;
                return false;
            }
            kept.RemoveAt(oldest);
            dropped++;
            truncated = request with { Messages = kept.ToArray() };
        }
        return true;
    }

    private static bool IsSystem(ChatMessage message) =>
        string.Equals(message.Role, "system", StringComparison.OrdinalIgnoreCase)
        || string.Equals(message.Role, "developer", StringComparison.OrdinalIgnoreCase);
}
