using System.Threading.Channels;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Routing;

/// <summary>
/// One place a request can be served: the model on the board or an upstream. The walk asks each tier of a chain
/// the same questions (does the prompt fit, can you take it now, start) and never asks which kind it is.
/// </summary>
public interface ITier
{
    /// <summary>"local" or the upstream's name: the word in route chains, traces and headers.</summary>
    string Name { get; }

    /// <summary>
    /// Runs on the board itself: thermal pressure moves it to the end of a chain, and when it is busy the walk may spill
    /// past it and come back to wait in its queue only if everything after it failed.
    /// </summary>
    bool OnBoard { get; }

    /// <summary>Costs money per request: background work goes here only when its route allows.</summary>
    bool Paid { get; }

    /// <summary>Tokens the tier can hold (prompt and completion); 0 while unknown.</summary>
    int ContextWindow { get; }

    /// <summary>The model the tier serves, for one-tier routes shown as models; null while it has none.</summary>
    ModelInfo? Model { get; }

    /// <summary>
    /// The prompt's exact size on this tier (its own tokenizer and template), or null when only the router's estimate
    /// is available (remote tiers).
    /// </summary>
    int? CountPromptTokens(GenerationRequest request);

    /// <summary>Why the tier cannot take a request of about <paramref name="budgetTokens"/> tokens now, or null if it can.</summary>
    TierAttempt? Unavailable(int budgetTokens);

    /// <summary>Sends the request and waits for its first token (or its failure), within the call's budgets.</summary>
    ValueTask<TierStart> StartAsync(TierCall call, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a route naming this tier walks its chain for embeddings (an upstream whose API is embeddings); a route of
    /// none such leaves embeddings to the board's own model names and refusals.
    /// </summary>
    bool RoutesEmbeddings { get; }

    /// <summary>One embeddings attempt of about <paramref name="tokens"/> tokens: the vectors, or why not.</summary>
    ValueTask<TierEmbedding> EmbedAsync(EmbeddingRequest request, int tokens, CancellationToken cancellationToken);
}

/// <summary>One attempt on one tier.</summary>
/// <param name="PromptTokens">The router's estimate of the prompt, for rate budgets.</param>
/// <param name="BudgetTokens">Prompt plus expected completion: what token limits charge.</param>
/// <param name="Remaining">What is left of the route's deadline: no tier waits longer than this for its first token.</param>
/// <param name="Queue">Whether an on-board tier may wait in its bounded queue; false takes the slot only if it is free now.</param>
/// <param name="FailOver">
/// Whether another tier could still take the request: only then does the board hold its answer back until the first
/// token (a remote tier always does, as its commit point). The chain's only tier answers as it would alone.
/// </param>
public sealed record TierCall(GenerationRequest Request, int PromptTokens, int BudgetTokens, TimeSpan Remaining, bool Queue, bool FailOver);

/// <summary>What came of one attempt.</summary>
public abstract record TierStart
{
    private TierStart() { }

    /// <param name="Raw">An upstream's SSE frames byte for byte, for the OpenAI surface to relay; null on the board.</param>
    public sealed record Started(InferenceRun Run, ChannelReader<ReadOnlyMemory<byte>>? Raw) : TierStart;

    /// <summary>Not sent (busy, cooling, out of budget...): a skip, not a failure.</summary>
    public sealed record Skipped(TierAttempt Attempt) : TierStart;

    /// <summary>Sent, and it failed before its first token.</summary>
    public sealed record Failed(TierFailure Failure, TierAttempt Attempt) : TierStart;
}

/// <summary>What came of one embeddings attempt: the vectors (<paramref name="Served"/>), or the attempt's record and failure.</summary>
public sealed record TierEmbedding(EmbeddingOutcome.Embedded? Served, TierAttempt Attempt, TierFailure? Failure);
