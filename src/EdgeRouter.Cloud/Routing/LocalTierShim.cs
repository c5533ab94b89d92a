using EdgeRouter.Gate;
using EdgeRouter.Inference;
using EdgeRouter.Local;

namespace EdgeRouter.Cloud.Routing;

/// <summary>
/// <see cref="ILocalTier"/> over today's Core types. "Busy" comes from the gate's snapshot, so between the check and
/// the start another request may take the slot; the start then waits in the gate's bounded queue (never longer than
/// GateOptions.MaxWait). The proposed <c>LocalTier.TryStartNowAsync</c> closes that window.
/// </summary>
public sealed class LocalTierShim(LocalTier tier, InferenceGate gate) : ILocalTier
{
    public ReadinessStatus Readiness => tier.Readiness;

    /// <summary>LocalTier lists exactly the loaded model, or nothing while loading or after a failed load.</summary>
    public ModelInfo? Model => tier.ListModels() is [var model, ..] ? model : null;

    public bool IsBusy => gate.Snapshot() is { } s && (s.Running > 0 || s.Queued > 0);

    public TimeSpan EstimateRetryAfter() => gate.EstimateRetryAfter();

    public IReadOnlyList<ModelInfo> ListModels() => tier.ListModels();

    public ModelInfo? ResolveModel(string requestedModel) => tier.ResolveModel(requestedModel);

    public ValueTask<Admission> StartAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        tier.StartAsync(LocalTier.TierName, request, cancellationToken);
}
