using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Local;

namespace EdgeRouter.Core.Routing;

/// <summary>
/// What a router needs from the in-process tier: whether the single slot is taken right now (to decide on
/// spilling), its context window, a start that never queues, and a start that queues within the gate's bound.
/// </summary>
public interface ILocalTier
{
    ReadinessStatus Readiness { get; }

    /// <summary>The loaded model, or null while loading or after a failed load.</summary>
    ModelInfo? Model { get; }

    /// <summary>The slot is taken (or callers are queued): a new request would wait.</summary>
    bool IsBusy { get; }

    /// <summary>When the slot would likely be free for a new caller.</summary>
    TimeSpan EstimateRetryAfter();

    IReadOnlyList<ModelInfo> ListModels();

    /// <summary>What the board's condition (heat, power) says about new local work now: warm moves the board to the end of a chain.</summary>
    LocalAdvice Advice();

    /// <summary>The tier's own refusal right now (a hot board sheds before the gate), or null when it would admit.</summary>
    Admission? Shedding();

    /// <summary>The prompt's exact size with the model's own tokenizer and template; null while no model is loaded.</summary>
    int? CountPromptTokens(GenerationRequest request);

    /// <summary>Starts on the local model, waiting at most the gate's bounded queue.</summary>
    ValueTask<Admission> StartAsync(GenerationRequest request, CancellationToken cancellationToken);

    /// <summary>Starts only if the slot is free this instant; otherwise <see cref="Admission.Busy"/> at once, nothing queued.</summary>
    ValueTask<Admission> TryStartNowAsync(GenerationRequest request, CancellationToken cancellationToken);
}
