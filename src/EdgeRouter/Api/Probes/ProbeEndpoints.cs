using EdgeRouter.Core.Gate;
using EdgeRouter.Core.Inference;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;

namespace EdgeRouter.Host.Api.Probes;

/// <summary>
/// /healthz: the process answers (systemd, watchdogs). /readyz: the model can serve; 503 with the reason while it
/// loads or after it failed, like llama-server's /health.
/// </summary>
internal static class ProbeEndpoints
{
    private static readonly LivenessResponse Alive = new();

    public static void MapProbes(this IEndpointRouteBuilder routes)
    {
        var inference = routes.ServiceProvider.GetRequiredService<IInferenceService>();
        var runtime = routes.ServiceProvider.GetRequiredService<LocalTierRuntime>();
        var gate = runtime.Gate;
        var footprints = routes.ServiceProvider.GetRequiredService<ModelFootprints>();
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        routes.MapMethods("/healthz", getOrHead, static context =>
            ApiResults.JsonAsync(context, StatusCodes.Status200OK, Alive, ProbeJsonContext.Api.LivenessResponse));
        routes.MapMethods("/readyz", getOrHead, context => ReadyAsync(context, inference, gate, Local(runtime.Tier, footprints)));
    }

    /// <summary>The local tier's model (the router also lists routes, which have no window of ours).</summary>
    private static Func<ContextStatus?> Local(EdgeRouter.Core.Local.LocalTier local, ModelFootprints footprints) => () =>
    {
        var model = local.ListModels().FirstOrDefault();
        if (model is null)
        {
            return null;
        }
        var footprint = footprints.For(model);
        return new ContextStatus
        {
            Model = model.Name,
            Tokens = model.ContextLength,
            TrainedTokens = model.TrainContextLength,
            KvCacheType = footprint.KvCacheType.Name(),
            KvCacheBytes = footprint.KvCacheBytes,
            WeightsBytes = footprint.WeightsBytes,
        };
    };

    private static Task ReadyAsync(HttpContext context, IInferenceService inference, InferenceGate gate, Func<ContextStatus?> local)
    {
        var readiness = inference.Readiness;
        var response = new ReadinessResponse
        {
            Status = readiness.State switch
            {
                ReadinessState.Ready => "ready",
                ReadinessState.Loading => "loading",
                _ => "failed",
            },
            Reason = readiness.Reason,
            Models = readiness.IsReady ? [.. inference.ListModels().Select(m => m.Name)] : null,
            Gate = gate.Snapshot() is var snapshot
                ? new GateStatus { Running = snapshot.Running, Queued = snapshot.Queued, Admitted = snapshot.Admitted, Rejected = snapshot.Rejected }
                : null,
            Context = readiness.IsReady ? local() : null,
        };
        context.Response.Headers.CacheControl = "no-store";
        return ApiResults.JsonAsync(context, readiness.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            response, ProbeJsonContext.Api.ReadinessResponse);
    }
}
