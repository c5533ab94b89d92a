using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Routing;

/// <summary>The mutable state of one request walking its chain; never shared between requests.</summary>
internal sealed class RouteWalk
{
    private readonly TimeProvider _time;
    private readonly long _deadline;

    public RouteWalk(CompiledRoute route, GenerationRequest request, int promptTokens, int budgetTokens,
        TimeProvider time, TimeSpan deadline)
    {
        Route = route;
        Request = request;
        PromptTokens = promptTokens;
        BudgetTokens = budgetTokens;
        _time = time;
        _deadline = time.GetTimestamp() + (long)(deadline.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>
    /// An embeddings request's walk: the same attempts, retry budget and verdict as a chat's, with no generation to fit
    /// or truncate (its <see cref="Request"/> is an empty placeholder nothing reads).
    /// </summary>
    public static RouteWalk ForEmbeddings(CompiledRoute route, int tokens, TimeProvider time, TimeSpan deadline) =>
        new(route, NoGeneration, tokens, tokens, time, deadline);

    private static readonly GenerationRequest NoGeneration = GenerationRequest.Completion(string.Empty);

    public CompiledRoute Route { get; }

    public GenerationRequest Request { get; }

    public int PromptTokens { get; }

    /// <summary>Prompt plus expected completion: what the token limiter charges.</summary>
    public int BudgetTokens { get; }

    public List<TierAttempt> Attempts { get; } = [];

    /// <summary>Sends that failed for a reason other than context size; the next upstream send is a retry.</summary>
    public int FailedSends { get; set; }

    public int Retries { get; set; }

    public TierFailure? LastFailure { get; set; }

    /// <summary>The largest context window that already overflowed: smaller or equal tiers are skipped.</summary>
    public int? OverflowedAt { get; set; }

    /// <summary>The last context-length error an upstream returned, passed through when nothing bigger exists.</summary>
    public TierFailure? ContextFailure { get; set; }

    /// <summary>A request error (or content refusal) to return unchanged; ends the walk.</summary>
    public TierFailure? Passthrough { get; set; }

    /// <summary>An on-board tier skipped as busy (and its index in <see cref="Attempts"/>), to be tried with its queue at the end.</summary>
    public (int Index, ITier Tier)? Deferred { get; set; }

    /// <summary>Set when the walk must not send anything more (retry budget spent, deadline passed).</summary>
    public string? StopReason { get; set; }

    public ContextAction Context { get; set; }

    public int DroppedMessages { get; set; }

    public TimeSpan Remaining
    {
        get
        {
            var ticks = _deadline - _time.GetTimestamp();
            return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(ticks / (double)_time.TimestampFrequency);
        }
    }

    public void Record(TierAttempt attempt) => Attempts.Add(attempt);

    public RouteTrace Trace(string? servedBy) => new()
    {
        Route = Route.Name,
        Tier = servedBy,
        Attempts = Attempts.ToArray(),
        // Only the answer of the tier that served was shortened; a failure answer carries no context action but a rejection.
        Context = servedBy is null && Context == ContextAction.Truncated ? ContextAction.None : Context,
        DroppedMessages = DroppedMessages,
    };
}
