namespace EdgeRouter.Core.Inference;

/// <summary>
/// The seam between the API surfaces and the router that serves every request (over the local tier alone, or over
/// local and cloud tiers). The surfaces only translate wire formats; every decision happens behind this.
/// </summary>
public interface IInferenceService
{
    ReadinessStatus Readiness { get; }

    /// <summary>Models a client may name, for /v1/models and /api/tags.</summary>
    IReadOnlyList<ModelInfo> ListModels();

    /// <summary>Resolves a client's model name (an alias, a model name, an Ollama "name:tag").</summary>
    ModelInfo? ResolveModel(string requestedModel);

    /// <summary>The route a client's model name resolves to (for per-key route access), or null when it names nothing.</summary>
    string? ResolveRouteName(string requestedModel);

    /// <summary>
    /// Admits and starts a generation, or says at once why not. Never waits longer than the gate's bounded queue.
    /// </summary>
    ValueTask<Admission> StartAsync(string requestedModel, GenerationRequest request, CancellationToken cancellationToken);
}
